"""Russian: /health, a director's look at delivery and sources: is the sender running, how
long is the outbox, which sources keep failing.
"""

TEXTS = {
    "health_title": "<b>Состояние доставки</b>",
    "health_sender_ok": "Отправитель работает.",
    "health_sender_down": "⚠️ Отправитель остановлен: уведомления не уходят.",
    "health_outbox": "Очередь отправки: {depth} · не доставлено навсегда: {failed}",
    "health_oldest": "Самое старое в очереди: {when} (ждёт {delay})",
    "health_team_chat": "Командный чат: {id}",
    "health_team_chat_moved": "Командный чат: {id} (стал супергруппой; в настройках {configured})",
    "health_sources_none": "Источников для опроса нет (/feeds, /channels).",
    "health_sources": "Источники: {total} · отвечают: {ok}",
    "health_source_failing": "⚠️ {name}: ошибок подряд {failures}, последняя {when}: {error}",
    "health_sources_more": {
        "one": "…и ещё {count} источник с ошибками: /sources",
        "few": "…и ещё {count} источника с ошибками: /sources",
        "many": "…и ещё {count} источников с ошибками: /sources",
        "other": "…и ещё {count} источника с ошибками: /sources",
    },
    "health_learning": "Решений «жалоба / не жалоба»: {examples}; своя модель — с {needed}.",
    "health_learning_trained": "Решений «жалоба / не жалоба»: {examples}; своя модель обучена.",
    "health_learning_agreement": "Совпало с директором (из {measured}): {agreed}, {percent}%",
}
