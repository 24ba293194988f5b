"""Russian: refusals and failures: the wrong person, a stale button, a ticket that does not
exist, our own crash. Short and blameless, since the reader usually did nothing wrong; a
client is refused in the director's voice and told what to do instead.

A crash is told as it is: the message may not have arrived and is worth sending again. Nobody
is said to be "looking into it" unless the directors were really told (see `error_alert`).
"""

TEXTS = {
    "staff_only_command": (
        "Эта команда только для сотрудников, вам она не понадобится. Если что-то случилось, "
        "просто напишите здесь как есть, я прочитаю."
    ),
    "staff_only_button": (
        "Эти кнопки только для сотрудников. Если что-то случилось, просто напишите здесь, "
        "я прочитаю."
    ),
    # A client's message (or command) the bot failed on.
    "error_generic": (
        "Простите, у нас сбой, и это сообщение могло до меня не дойти. Пожалуйста, отправьте "
        "его ещё раз через пару минут."
    ),
    # A button the bot failed on, whoever pressed it (an alert: at most 200 characters).
    "error_button": (
        "Простите, у нас сбой, и нажатие могло не сработать. Попробуйте ещё раз через пару минут."
    ),
    # A staff member's message or command the bot failed on.
    "error_staff": (
        "Сбой: это могло не выполниться. Попробуйте ещё раз через пару минут; подробности "
        "в журнале бота."
    ),
    # To the directors, at most once per kind of failure in {minutes} minutes. Never the
    # client's words: only what failed and the error's type.
    "error_alert": (
        "⚠️ <b>Сбой в боте</b>: не удалось обработать {what} ({error}). Отправителя попросили "
        "повторить; подробности в журнале бота. Следующее предупреждение о таком же сбое "
        "придёт не раньше чем через {minutes} мин."
    ),
    "error_what_client": "сообщение клиента",
    "error_what_staff": "сообщение сотрудника",
    "error_what_button": "нажатие кнопки",
    "ticket_not_found": "Обращения №{id} нет.",
    "button_outdated": "Эта кнопка устарела. Откройте карточку заново: /ticket N.",
    "directors_only": "Эта команда только для директоров.",
}
