"""Russian: the ticket card the staff chat works from, and the pieces it is built of (status,
root cause, source, durations, a missed promise). A card is redrawn on every change, so
these stay short.
"""

TEXTS = {
    "card_title_new": "🔴 <b>Обращение №{id}</b>",
    "card_title_work": "🟡 <b>Обращение №{id}</b>",
    "card_title_closed": "🟢 <b>Обращение №{id}</b>",
    "card_meta": "{source} · {author} · {when}",
    "card_meta_no_author": "{source} · {when}",
    "card_link": '<a href="{url}">Открыть источник</a>',
    "card_trimmed": "… <i>текст сокращён, полностью: /ticket {id}</i>",
    "card_status": "<b>{status}</b> · Ответственный: {owner} · Контроль: {due} · Причина: {cause}",
    "card_first_response": "Первый ответ через {delay}",
    "card_waiting": "Ждёт первого ответа",
    "card_messages": {
        "one": "{count} сообщение в истории · /ticket {id}",
        "few": "{count} сообщения в истории · /ticket {id}",
        "many": "{count} сообщений в истории · /ticket {id}",
        "other": "{count} сообщения в истории · /ticket {id}",
    },
    "card_resolution": "Итог: {text}",
    "card_undelivered": "⚠️ Последний ответ не доставлен клиенту",
    "nobody": "—",
    "status_open": "Новое",
    "status_in_progress": "В работе",
    "status_closed": "Решено",
    "cause_process": "Сломан процесс",
    "cause_informing": "Сломано информирование",
    "cause_expectations": "Не оправдали ожиданий",
    "cause_unfounded": "Необоснованная",
    "cause_other": "Другое",
    "cause_other_named": "Другое: {note}",
    "card_promise_due_now": "⏰ Срок подошёл, а обращение ещё открыто",
    "card_promise_missed": "⏰ <b>Срок пропущен на {span}</b>",
    "card_promise_late": "Закрыто с опозданием на {span}",
    "span_minutes": {
        "one": "{count} минуту",
        "few": "{count} минуты",
        "many": "{count} минут",
        "other": "{count} минуты",
    },
    "span_hours": {
        "one": "{count} час",
        "few": "{count} часа",
        "many": "{count} часов",
        "other": "{count} часа",
    },
    "span_days": {
        "one": "{count} день",
        "few": "{count} дня",
        "many": "{count} дней",
        "other": "{count} дня",
    },
    "source_telegram": "Telegram, личные сообщения",
    "minutes": "{n} мин",
    "hours": "{h} ч {m} мин",
    "days": "{d} дн {h} ч",
    "source_feed": "Лента {name}",
    "source_channel": "Канал {name}",
    "source_chat": "Чат «{name}»",
    "card_withdrawn": "🔒 Доступ к этому обращению закрыт: вас больше нет в списке сотрудников.",
    "staff_removed_tickets": (
        "👤 {name} больше нет в списке сотрудников. Обращения {tickets} снова "
        "без ответственного: назначьте, кто их доведёт."
    ),
}
