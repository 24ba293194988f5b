"""Everything that faces Telegram's updates: a Router per concern (`handlers/`), who may do
what (`access`), the count of updates in flight for a clean stop (`inflight`), the webhook
server, updates aiogram cannot read (`unreadable`), and the staff actions the handlers share
(`desk`).

May import: bot.delivery, bot.core, bot.views, storage, collectors (values only), aiogram.
Nothing below imports this package.
"""
