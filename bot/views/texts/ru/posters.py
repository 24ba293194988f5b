"""Russian: /poster and /links: printable QR posters and the deep-link tags they carry."""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_poster": "Плакат с QR-кодом: /poster метка [название]",
    "cmd_links": "Ссылки с метками и сколько обращений они принесли",
    # Printed on the poster above the QR code, in the director's own voice; /settings changes it.
    "poster_headline_default": "Напишите мне напрямую — я читаю каждое сообщение",
    "poster_usage": (
        "Напишите после команды метку и, если хотите, название места, где будет висеть "
        "плакат: <code>/poster hall2 Зал №2</code>\n"
        "Метка попадёт в ссылку QR-кода: латинские буквы, цифры, «_» и «-», до 64 символов. "
        "По ней в отчётах видно, сколько обращений принёс этот плакат."
    ),
    "poster_tag_empty": (
        "Нужна метка: латинские буквы, цифры, «_» и «-», например <code>/poster hall2 Зал №2</code>"
    ),
    "poster_tag_too_long": (
        "Метка «{tag}» длиннее {limit} символов, а Telegram такую ссылку не откроет. "
        "Возьмите короче, например <code>/poster hall2 Зал №2</code>"
    ),
    "poster_tag_chars": (
        "В метке «{tag}» есть символы, которые Telegram в ссылке не передаст. Можно только "
        "латинские буквы, цифры, «_» и «-», например <code>hall2</code> или "
        "<code>locker-room</code>."
    ),
    "poster_tag_reserved": (
        "Метки, которые начинаются с «fh-», бот использует для своих ссылок. Выберите "
        "другую, например <code>/poster hall2 Зал №2</code>"
    ),
    "poster_title_invalid": (
        "Название места должно быть видимым текстом не длиннее {limit} символов, например: "
        "<code>/poster hall2 Зал №2</code>"
    ),
    "poster_no_username": (
        "У бота нет @username, а без него Telegram не даст ссылку на бот. Задайте его в "
        "@BotFather и пришлите команду ещё раз."
    ),
    "poster_document_caption": "Плакат для печати на листе A4.",
    "poster_caption": "Плакат «{place}». QR-код ведёт сюда: {link}",
    "poster_caption_untitled": "Плакат с меткой «{tag}». QR-код ведёт сюда: {link}",
    "links_title": "<b>Ссылки с метками</b> и сколько обращений каждая принесла в этом месяце:",
    "links_item": "<b>{title}</b> · <code>{tag}</code>",
    "links_item_untitled": "<code>{tag}</code> (без названия)",
    "links_count": {
        "one": "{count} обращение",
        "few": "{count} обращения",
        "many": "{count} обращений",
        "other": "{count} обращения",
    },
    "links_hint": "Дать метке название: <code>/poster метка Название</code>",
    "links_empty": (
        "Ссылок с метками пока нет. Сделайте первый плакат, например "
        "<code>/poster reception Ресепшн</code>: QR-код на нём открывает этот бот, а здесь "
        "будет видно, сколько обращений он принёс."
    ),
}
