"""Russian: what staff hear back after acting on a ticket (/claim, /reply, /due, /close and
the card's buttons). Every answer names the ticket: a manager often works on several at once.
"""

TEXTS = {
    "reply_delivered": "Ответ доставлен клиенту (№{id}).",
    "reply_blocked": "Клиент заблокировал бота: ответ не доставлен. Он сохранён в истории №{id}.",
    "reply_failed": "Не удалось доставить ответ по №{id}: {reason}. Ответ сохранён в истории.",
    "reply_no_client": "У обращения №{id} нет чата с клиентом: ответить можно только в источнике.",
    "claimed": "Обращение №{id} теперь ваше.",
    "claim_taken": "Обращение №{id} уже взял(а) {owner}.",
    "claim_closed": "Обращение №{id} уже закрыто.",
    "assigned": "Ответственный за №{id}: {owner}.",
    "due_set": "Точка контроля №{id}: {due}.",
    "due_far_confirm": (
        "Точка контроля №{id} — {due}: это больше чем через год. Поставить такую дату?"
    ),
    "due_far_kept": "Точку контроля №{id} не меняю.",
    "due_unparsed": "Не понял дату «{text}». Примеры: «25.11 15:00», «завтра в 10», «через 2 дня».",
    "due_past": "Дата «{text}» уже прошла. Укажите время в будущем.",
    "cause_set": "Причина №{id}: {cause}.",
    "closed": "Обращение №{id} закрыто. Клиенту сообщили.",
    "closed_already": "Обращение №{id} уже закрыто.",
    "reopened": "Обращение №{id} снова в работе.",
    "note_saved": "Заметка сохранена в №{id}. Клиент её не видит.",
    "closed_quietly": "Обращение №{id} закрыто. Это упоминание — автору бот об этом не пишет.",
    "reply_queued": "Ответ по №{id} в очереди: Telegram просит подождать, доставлю сам.",
}
