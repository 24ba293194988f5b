"""English: the director's personal chats (Telegram Business): where a card came from, the
24-hour window, connections checked."""

TEXTS: dict[str, str] = {
    "source_business": "Telegram, the director's personal messages",
    "source_telegram_tag": "Telegram, direct messages · via link «{title}»",
    "card_business_until": "💬 The bot can answer in the personal chat until {when}",
    "card_business_closed": (
        "⌛ The personal chat is closed to the bot since {when}: answer in the director's chat"
    ),
    "card_business_closed_bot": (
        "⌛ The personal chat is closed to the bot since {when}: answer in the director's "
        "chat or through the bot"
    ),
    "card_business_off_none": (
        "⛔ The bot is not connected to the director's account: answer in their personal chat"
    ),
    "card_business_off_disabled": (
        "⛔ The bot's connection to the director's account is off: answer in their personal chat"
    ),
    "card_business_off_rights": (
        "⛔ The bot may not reply in the director's chats: answer in their personal chat"
    ),
    "business_connected": (
        "🔗 The bot is connected to your Telegram account. Clients' messages in your personal "
        "chats now become cases; replies from a card go to the same chat in your name. "
        "Instant acknowledgements there are off; turn them on in /settings."
    ),
    "business_read_only": (
        "🔗 The bot is connected to your account without the right to reply: clients' "
        "messages become cases, but replies from a card cannot go to your chat. Allow replies "
        "in Telegram Business → Chatbots."
    ),
    "business_disabled": (
        "🔌 The bot was disconnected from your Telegram account: new messages from personal "
        "chats no longer arrive, and replies cannot go there. Open cases stay open."
    ),
    "business_window_nudge": (
        "⏳ <b>#{id}</b> · {author}: the personal chat closes to the bot {until}. Telegram lets "
        "a bot write there for 24 hours after the client's last message, and nobody has "
        "answered yet."
    ),
    "business_reply_window_closed": (
        "⌛ The reply to #{id} cannot go to the personal chat: the personal chat is closed to the "
        "bot since "
        "{when}. Telegram lets a bot write there only for 24 hours after the client's last "
        "message."
    ),
    "business_reply_off_none": (
        "⛔ The reply to #{id} cannot go to the personal chat: the bot is not connected to the "
        "account the client "
        "wrote to."
    ),
    "business_reply_off_disabled": (
        "⛔ The reply to #{id} cannot go to the personal chat: the bot's connection to the "
        "account is off."
    ),
    "business_reply_off_rights": (
        "⛔ The reply to #{id} cannot go to the personal chat: the bot may not reply in that "
        "account "
        "(Telegram Business → Chatbots)."
    ),
    "business_reply_by_hand": (
        "Answer in the director's personal chat: the bot keeps it in the history."
    ),
    "business_reply_by_hand_or_bot": (
        "Answer in the director's personal chat (the bot keeps it in the history), or send "
        "this reply through the bot: the client has started it."
    ),
    "business_reply_text_only": (
        "The bot sends only text to the director's personal chat. Send the file for #{id} "
        "yourself there, and write the reply here as text."
    ),
    "btn_via_bot": "📨 Send through the bot",
    "business_off_none": "the bot is not connected to the director's account",
    "business_off_disabled": "the bot's connection to the director's account is off",
    "business_off_rights": "the bot may not reply in the director's chats",
    "business_window_closed_reason": "the personal chat is closed to the bot: over 24 hours",
    "business_refused": "Telegram refused the message to the personal chat: {reason}",
    "business_text_only": "the bot sends only text to the director's personal chat",
    "history_deleted": "🗑 deleted in the chat",
    "followup_no_bot": (
        "The «is everything fine?» question was not asked: the client wrote to the director's "
        "personal messages and never started the bot, and the bot may write there only for "
        "24 hours."
    ),
    "client_bot_offer": (
        "In a few days I would like to ask whether everything is fine, but here I can write "
        "only in answer to your message. If it suits you, open my bot: {link}"
    ),
}
