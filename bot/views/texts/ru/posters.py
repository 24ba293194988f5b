"""Russian: /poster and /links: printable QR posters and the deep-link tags they carry."""

TEXTS: dict[str, str] = {
    "cmd_poster": "Плакат с QR-кодом: /poster метка [название]",
    "cmd_links": "Ссылки с метками и сколько обращений они принесли",
}
