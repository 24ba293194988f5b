"""English: /poster and /links: printable QR posters and the deep-link tags they carry."""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_poster": "QR poster: /poster tag [title]",
    "cmd_links": "Tagged links and how many cases each brought",
    # Printed on the poster above the QR code, in the director's own voice; /settings changes it.
    "poster_headline_default": "Write to me directly: I read every message",
    "poster_usage": (
        "Write a tag after the command and, if you like, the name of the place the poster "
        "will hang: <code>/poster hall2 Hall 2</code>\n"
        "The tag goes into the QR code's link: Latin letters, digits, \u201c_\u201d and "
        "\u201c-\u201d, up to 64 characters. Reports show how many cases each poster brought."
    ),
    "poster_tag_empty": (
        "A tag is needed: Latin letters, digits, \u201c_\u201d and \u201c-\u201d, for example "
        "<code>/poster hall2 Hall 2</code>"
    ),
    "poster_tag_too_long": (
        "The tag \u201c{tag}\u201d is longer than {limit} characters, and Telegram would not "
        "open such a link. Take a shorter one, for example <code>/poster hall2 Hall 2</code>"
    ),
    "poster_tag_chars": (
        "The tag \u201c{tag}\u201d has characters Telegram will not pass in a link. Only Latin "
        "letters, digits, \u201c_\u201d and \u201c-\u201d work, for example <code>hall2</code> "
        "or <code>locker-room</code>."
    ),
    "poster_tag_reserved": (
        "Tags starting with \u201cfh-\u201d are the bot's own. Choose another one, for example "
        "<code>/poster hall2 Hall 2</code>"
    ),
    "poster_title_invalid": (
        "The place's name must be visible text of at most {limit} characters, for example: "
        "<code>/poster hall2 Hall 2</code>"
    ),
    "poster_no_username": (
        "The bot has no @username, and without one Telegram gives no link to it. Set one in "
        "@BotFather and send the command again."
    ),
    "poster_document_caption": "The poster, to print on A4.",
    "poster_caption": "Poster \u201c{place}\u201d. The QR code leads here: {link}",
    "poster_caption_untitled": "Poster tagged \u201c{tag}\u201d. The QR code leads here: {link}",
    "links_title": "<b>Tagged links</b> and how many cases each brought this month:",
    "links_item": "<b>{title}</b> · <code>{tag}</code>",
    "links_item_untitled": "<code>{tag}</code> (no title)",
    "links_count": {"one": "{count} case", "other": "{count} cases"},
    "links_hint": "To give a tag a title: <code>/poster tag Title</code>",
    "links_empty": (
        "No tagged links yet. Make the first poster, for example "
        "<code>/poster reception Reception</code>: its QR code opens this bot, and here you "
        "will see how many cases it brought."
    ),
}
