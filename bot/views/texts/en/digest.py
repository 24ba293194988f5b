"""English: the morning digest. Its section titles lead with a number, so they are plural
forms: a director reads them before the day starts and should not trip on grammar.
"""

TEXTS = {
    "digest_title": "☀️ <b>Morning digest, {date}</b>",
    "digest_new_title": {
        "one": "<b>{count} new case since yesterday</b>",
        "other": "<b>{count} new cases since yesterday</b>",
    },
    "digest_open_title": {
        "one": "<b>{count} open case</b>",
        "other": "<b>{count} open cases</b>",
    },
    "digest_overdue_title": {
        "one": "<b>{count} overdue case</b>",
        "other": "<b>{count} overdue cases</b>",
    },
    "digest_waiting_title": {
        "one": "<b>{count} case is waiting for a first answer</b>",
        "other": "<b>{count} cases are waiting for a first answer</b>",
    },
    "digest_answers_title": {
        "one": "<b>{count} answer from a client after closing</b>",
        "other": "<b>{count} answers from clients after closing</b>",
    },
    "digest_count_line": "{name}: {count}",
    "digest_overdue_line": "#{id} · {owner} · control date was {due}",
    "digest_waiting_line": "#{id} · {author} · waiting {delay}",
    "digest_answer_yes": "#{id} · {author}: 👍 all good{rating}",
    "digest_answer_no": "#{id} · {author}: 👎 not really{rating}",
    "digest_answer_none": "#{id} · {author}: no answer{rating}",
    "digest_rating": " · rated {rating}/5",
    "digest_more": "… and {n} more",
    "digest_all_clear": "☀️ Good morning! No new, open or overdue tickets: all clear.",
}
