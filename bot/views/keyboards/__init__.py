"""Inline keyboards, one module per screen, and the callback data their buttons carry.

- `callbacks`: every CallbackData class and its prefix, in one place, so no two collide
  and every packed callback stays within Telegram's 64 bytes (checked in the tests);
- `card`: the ticket card and the pickers it opens (owner, control date, cause, close);
- `reminders`: the staff's choices under a control-date reminder;
- `followups`: the client's answer to a follow-up question, and the rating after it;
- `sources`: the remove buttons and pages of /feeds and /channels, and the instant switch
  under /sources and mention summaries;
- `settings`: a director's /settings.

Builders take `Texts` and plain values and return an `InlineKeyboardMarkup`; they know
nothing of Telegram's state or of who presses.
"""
