"""Firsthand, the Telegram bot, in four layers you can see in the tree.

- `bot.app` (with `config`, `clock`, `logs`, `__main__`): the composition root and what
  every layer may read. `app` is the one place that builds long-lived objects, in one
  direction, and hands them to aiogram's workflow data.
- `bot.telegram`: what faces Telegram's updates: routers, access, in-flight counting, webhook.
- `bot.delivery`: from a committed change to a message in a chat: the outbox planner, the
  card view, the sender, the pacer and the one retry policy.
- `bot.core`: the rules, with no Telegram calls: tickets (their one writer), mentions,
  sources, reminders, follow-ups, digests and their scheduler.
- `bot.views`: pure rendering: texts, cards, digest, dates, keyboards.

Imports only go down that list (telegram → delivery → core → views → storage); core reaches
delivery only through the protocols in `bot.core.ports`, implemented by delivery and passed
in by the composition root. tests/test_layers.py holds the tree to it.
"""
