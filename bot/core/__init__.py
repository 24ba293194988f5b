"""The rules of the product, with no Telegram calls in them.

`tickets` is the one writer of ticket rows; `mentions` turns found mentions into tickets;
`sources` polls feeds and channels; `reminders`, `followups` and `digests` keep the promises
made to clients, driven by `scheduler`'s tick; `quiet` says when not to make a sound.

May import: bot.views, storage, collectors. It reaches delivery only through the protocols
in `ports`, which the composition root fills with the real notifier.
"""
