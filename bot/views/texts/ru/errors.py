"""Russian: refusals and failures: the wrong person, a stale button, a ticket that does not
exist, our own crash. Short and blameless, since the reader usually did nothing wrong.
"""

TEXTS = {
    "staff_only_command": "Эта команда только для сотрудников компании.",
    "error_generic": "Что-то пошло не так, мы уже разбираемся. Попробуйте ещё раз чуть позже.",
    "staff_only_button": "Эти кнопки только для сотрудников компании.",
    "ticket_not_found": "Обращения №{id} нет.",
    "button_outdated": "Эта кнопка устарела. Откройте карточку заново: /ticket N.",
    "directors_only": "Эта команда только для директоров.",
}
