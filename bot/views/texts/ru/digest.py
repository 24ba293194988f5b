"""Russian: the morning digest. Its section titles lead with a number, so they are plural
forms: a director reads them before the day starts and should not trip on grammar.
"""

TEXTS = {
    "digest_title": "☀️ <b>Утренняя сводка, {date}</b>",
    "digest_new_title": {
        "one": "<b>{count} новое обращение за сутки</b>",
        "few": "<b>{count} новых обращения за сутки</b>",
        "many": "<b>{count} новых обращений за сутки</b>",
        "other": "<b>{count} новых обращения за сутки</b>",
    },
    "digest_open_title": {
        "one": "<b>{count} открытое обращение</b>",
        "few": "<b>{count} открытых обращения</b>",
        "many": "<b>{count} открытых обращений</b>",
        "other": "<b>{count} открытых обращения</b>",
    },
    "digest_overdue_title": {
        "one": "<b>{count} просроченное обращение</b>",
        "few": "<b>{count} просроченных обращения</b>",
        "many": "<b>{count} просроченных обращений</b>",
        "other": "<b>{count} просроченных обращения</b>",
    },
    "digest_waiting_title": {
        "one": "<b>{count} обращение ждёт первого ответа</b>",
        "few": "<b>{count} обращения ждут первого ответа</b>",
        "many": "<b>{count} обращений ждут первого ответа</b>",
        "other": "<b>{count} обращения ждут первого ответа</b>",
    },
    "digest_answers_title": {
        "one": "<b>{count} ответ клиента после закрытия</b>",
        "few": "<b>{count} ответа клиентов после закрытия</b>",
        "many": "<b>{count} ответов клиентов после закрытия</b>",
        "other": "<b>{count} ответа клиентов после закрытия</b>",
    },
    "digest_count_line": "{name}: {count}",
    "digest_overdue_line": "№{id} · {owner} · контроль был {due}",
    "digest_waiting_line": "№{id} · {author} · ждёт {delay}",
    "digest_answer_yes": "№{id} · {author}: 👍 всё хорошо{rating}",
    "digest_answer_no": "№{id} · {author}: 👎 не совсем{rating}",
    "digest_answer_none": "№{id} · {author}: без ответа{rating}",
    "digest_rating": " · оценка {rating}/5",
    "digest_more": "… и ещё {n}",
    "digest_all_clear": (
        "☀️ Доброе утро! Новых, открытых и просроченных обращений нет: всё спокойно."
    ),
}
