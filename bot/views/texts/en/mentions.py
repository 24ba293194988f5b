"""English: mentions found in feeds, channels and groups: their kinds, the director's verdict
on a complaint, the summary of everything else, the spike alert and the missing-keywords
warning.
"""

TEXTS = {
    "card_mention": "🔎 Keyword: “{keyword}” · {kind}",
    "card_mention_kind": "🔎 {kind}",
    "card_possible_complaint": "⚠️ <b>possibly a complaint</b>: {markers}",
    "card_possible_same_text": "⚠️ You marked this same text <b>a complaint</b> before",
    "card_possible_model": "⚠️ <b>possibly a complaint</b>: like what you marked a complaint before",
    "card_verdict_complaint": "Director: <b>a complaint</b>",
    "card_verdict_not": "Director: <b>not a complaint</b>",
    "kind_complaint": "looks like a complaint",
    "kind_praise": "praise",
    "kind_question": "a question",
    "kind_neutral": "a neutral mention",
    "verdict_complaint": "#{id} marked as a complaint.",
    "verdict_not": "#{id} marked as not a complaint.",
    "mention_summary_title": {
        "one": (
            "🗞 <b>{count} mention</b> — praise, questions and neutral ones. "
            "Open any of them with /ticket N."
        ),
        "other": (
            "🗞 <b>{count} mentions</b> — praise, questions and neutral ones. "
            "Open any of them with /ticket N."
        ),
    },
    "mention_summary_line": "#{id} · {kind}{why} · {source}: {text}",
    "mention_summary_why": " ({markers})",
    "mention_summary_same_text": " (you marked this same text “not a complaint” before)",
    "mention_summary_model": " (like what you marked “not a complaint” before)",
    "mention_summary_more": (
        "Buttons cover the first {shown}; for any other: /ticket N, then “A complaint”."
    ),
    "btn_summary_complaint": "#{id} — complaint",
    "summary_complaint_sent": "#{id}: a complaint, its card is out.",
    "instant_on": "Every mention now arrives as a card at once.",
    "instant_off": "Praise, questions and neutral mentions are collected into the summary again.",
    "spike_alert": {
        "one": (
            "📈 <b>Mentions spike</b>: {count} mention came in the last hour "
            "(usually about {usual} an hour).\n"
            "Sources: {sources}\nTop words: {words}"
        ),
        "other": (
            "📈 <b>Mentions spike</b>: {count} mentions came in the last hour "
            "(usually about {usual} an hour).\n"
            "Sources: {sources}\nTop words: {words}"
        ),
    },
    "no_keywords_alert": (
        "⚠️ <b>No keywords are set</b>: posts from feeds, channels and groups are only marked "
        "as read and never become cases. Add your brand's name: /keywords add FitStudio "
        "(or KEYWORDS in the settings)."
    ),
}
