"""Russian: the question a client gets after a ticket is closed (is everything fine? rate us)
and the bot's answers to them; the client reads these, so they share the client's tone.
"""

TEXTS = {
    "followup_ask": (
        "Здравствуйте! Недавно мы закрыли ваше обращение №{id}. Всё ли теперь в порядке?"
    ),
    "followup_thanks_yes": "Спасибо! Рады, что всё хорошо. Если хотите, оцените нас от 1 до 5:",
    "followup_thanks_no": (
        "Жаль, что не всё получилось. Мы вернули обращение №{id} в работу: напишите здесь, "
        "что не так, и директор это увидит. Если хотите, оцените нас от 1 до 5:"
    ),
    "followup_rated": "Спасибо за оценку: {rating} из 5.",
    "followup_answered_already": "Вы уже ответили, спасибо!",
    "followup_outdated": "Этот вопрос уже неактуален.",
    "followup_author": "Бот",
}
