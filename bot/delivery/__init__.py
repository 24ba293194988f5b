"""From a committed change to a message in a chat, one way.

`notifier` plans outbox rows inside the change's transaction; `card_view` draws a card from
the database; `sender` delivers rows under Telegram's limits (`pacer`), retrying on its own
schedule; `retry` is the one place any other Telegram call is retried; `signals` carries
"rows are waiting" and "this row was delivered" from the notifier to the sender and back to
whoever waits, so neither holds the other.

May import: bot.core (its values and services), bot.views, storage, aiogram.
Never imports bot.telegram.
"""
