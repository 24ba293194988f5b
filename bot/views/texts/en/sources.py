"""English: managing where mentions come from (/feeds, /channels, /keywords, /sources) and the
alerts when a source fails or recovers.
"""

TEXTS = {
    "source_failing": (
        "⚠️ Source {name} has been failing since {since}: {error}. I keep trying and will "
        "tell you when it works again."
    ),
    "source_recovered": "✅ Source {name} works again.",
    "feeds_title": "<b>Feeds</b> (remove with a button or /feeds remove N):",
    "feeds_empty": "No feeds. Add one: /feeds add URL",
    "channels_title": "<b>Channels</b> (remove with a button or /channels remove N):",
    "channels_empty": "No channels. Add one: /channels add channel_name",
    "source_line": "{id}. {name}",
    "usage_feeds": "/feeds · /feeds add URL · /feeds remove N",
    "usage_channels": "/channels · /channels add name · /channels remove N",
    "usage_keywords": (
        "/keywords · /keywords add word · /keywords minus word · /keywords block author · "
        "/keywords remove word · /keywords exact word (no Cyrillic)"
    ),
    "feed_added": (
        "Feed added: {name}. Entries from the last 24 hours come as mentions; "
        "older ones are marked as read."
    ),
    "channel_added": (
        "Channel added: {name}. Posts from the last 24 hours come as mentions; "
        "older ones are marked as read."
    ),
    "source_exists": "Already watching: {name}.",
    "feed_refused": (
        "Not added: {url} points into a private network ({reason}). "
        "For feeds on your own network, set ALLOW_PRIVATE_FEEDS=true."
    ),
    "feed_bad_url": "This does not look like a feed address: {url}. It must be http(s)://…",
    "channel_bad_name": "This does not look like a public channel: {name}. Example: fitstudio_news",
    "source_removed": "No longer watching: {name}.",
    "source_not_found": "There is no source #{id}.",
    "keywords_title": (
        "<b>Keywords</b>: {keywords}\n<b>Minus-words</b>: {exclude}\n"
        "<b>Blocked authors</b>: {authors}"
    ),
    "keyword_exact_label": "{word} (as written only)",
    "keyword_exact_on": (
        "“{word}”: now matched only as written, with no Cyrillic reading. "
        "Undo: /keywords exact {word}"
    ),
    "keyword_exact_off": "“{word}”: its Cyrillic spellings count again.",
    "keyword_exact_missing": "“{word}” is not a keyword.",
    "watch_keyword": "keywords",
    "watch_exclude": "minus-words",
    "watch_author": "blocked authors",
    "watch_added": "Added “{word}” to the list: {list}.",
    "watch_exists": "“{word}” is already in the list: {list}.",
    "watch_removed": "Removed “{word}”.",
    "watch_missing": "“{word}” is in none of the lists.",
    "watch_bad": "“{word}” has no letters or digits.",
    "sources_title": "<b>Mention sources</b>",
    "sources_empty": "No sources: /feeds add URL, /channels add name, or add the bot to a group.",
    "sources_line": {
        "one": "{id}. {name}\n    success: {ok} · error: {error} · {count} mention",
        "other": "{id}. {name}\n    success: {ok} · error: {error} · {count} mentions",
    },
    "sources_error": "{when}, {reason}",
    "never": "never",
    "sources_mode_instant": "Every mention arrives as a card at once.",
    "sources_mode_summary": (
        "Complaints arrive as cards at once; the rest as a summary every {minutes} min."
    ),
    "no_keywords_line": (
        "⚠️ No keywords are set: mentions from here will not become cases. /keywords add brand"
    ),
}
