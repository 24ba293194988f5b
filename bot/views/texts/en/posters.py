"""English: /poster and /links: printable QR posters and the deep-link tags they carry."""

TEXTS: dict[str, str] = {
    "cmd_poster": "QR poster: /poster tag [title]",
    "cmd_links": "Tagged links and how many cases each brought",
}
