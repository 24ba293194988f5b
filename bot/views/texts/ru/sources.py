"""Russian: managing where mentions come from (/feeds, /channels, /keywords, /sources) and the
alerts when a source fails or recovers.
"""

TEXTS = {
    "source_failing": (
        "⚠️ Источник {name} не отвечает с {since}: {error}. Проверяю дальше и сообщу, "
        "когда он заработает."
    ),
    "source_recovered": "✅ Источник {name} снова работает.",
    "feeds_title": "<b>Ленты</b> (убрать: кнопкой или /feeds remove N):",
    "feeds_empty": "Лент нет. Добавить: /feeds add URL",
    "channels_title": "<b>Каналы</b> (убрать: кнопкой или /channels remove N):",
    "channels_empty": "Каналов нет. Добавить: /channels add имя_канала",
    "source_line": "{id}. {name}",
    "usage_feeds": "/feeds · /feeds add URL · /feeds remove N",
    "usage_channels": "/channels · /channels add имя · /channels remove N",
    "usage_keywords": (
        "/keywords · /keywords add слово · /keywords minus слово · /keywords block автор · "
        "/keywords remove слово · /keywords exact слово (без кириллицы)"
    ),
    "feed_added": (
        "Лента добавлена: {name}. Записи за последние сутки пришлю, "
        "более старые отмечу как прочитанные."
    ),
    "channel_added": (
        "Канал добавлен: {name}. Посты за последние сутки пришлю, "
        "более старые отмечу как прочитанные."
    ),
    "source_exists": "Уже слежу: {name}.",
    "feed_refused": (
        "Ленту не добавил: {url} ведёт во внутреннюю сеть ({reason}). "
        "Для лент из своей сети включите ALLOW_PRIVATE_FEEDS=true."
    ),
    "feed_bad_url": "Это не похоже на адрес ленты: {url}. Нужен адрес http(s)://…",
    "channel_bad_name": "Это не похоже на публичный канал: {name}. Пример: fitstudio_news",
    "source_removed": "Больше не слежу: {name}.",
    "source_not_found": "Нет источника №{id}.",
    "keywords_title": (
        "<b>Ключевые слова</b>: {keywords}\n<b>Минус-слова</b>: {exclude}\n"
        "<b>Заблокированные авторы</b>: {authors}"
    ),
    "keyword_exact_label": "{word} (только латиницей)",
    "keyword_exact_on": (
        "«{word}»: теперь только как написано, без чтения кириллицей. "
        "Вернуть: /keywords exact {word}"
    ),
    "keyword_exact_off": "«{word}»: снова ищу и в кириллическом написании.",
    "keyword_exact_missing": "«{word}» нет среди ключевых слов.",
    "watch_keyword": "ключевые слова",
    "watch_exclude": "минус-слова",
    "watch_author": "заблокированные авторы",
    "watch_added": "Добавил «{word}» в список: {list}.",
    "watch_exists": "«{word}» уже в списке: {list}.",
    "watch_removed": "Убрал «{word}».",
    "watch_missing": "«{word}» нет ни в одном списке.",
    "watch_bad": "В «{word}» нет ни букв, ни цифр.",
    "sources_title": "<b>Источники упоминаний</b>",
    "sources_empty": (
        "Источников нет: /feeds add URL, /channels add имя или добавьте бота в группу."
    ),
    "sources_line": {
        "one": "{id}. {name}\n    успех: {ok} · ошибка: {error} · {count} упоминание",
        "few": "{id}. {name}\n    успех: {ok} · ошибка: {error} · {count} упоминания",
        "many": "{id}. {name}\n    успех: {ok} · ошибка: {error} · {count} упоминаний",
        "other": "{id}. {name}\n    успех: {ok} · ошибка: {error} · {count} упоминания",
    },
    "sources_error": "{when}, {reason}",
    "never": "не было",
    "sources_mode_instant": "Сейчас все упоминания приходят карточками сразу.",
    "sources_mode_summary": (
        "Сейчас жалобы приходят карточками сразу, остальное — сводкой раз в {minutes} мин."
    ),
    "no_keywords_line": (
        "⚠️ Ключевые слова не заданы: упоминания отсюда не станут обращениями. /keywords add бренд"
    ),
}
