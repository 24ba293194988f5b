"""English: the director's personal chats (Telegram Business): where a card came from, the
24-hour window, connections checked."""

TEXTS: dict[str, str] = {}
