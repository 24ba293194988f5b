"""Russian: the question a client gets after a ticket is closed (is everything fine?), the
bot's answers to them, and the rating offered to a satisfied client; the client reads these,
so they speak in the director's first person, like the rest of the client's screen.
"""

TEXTS = {
    "followup_ask": (
        "Здравствуйте, {name}! Недавно вы писали мне (обращение №{id}), и я хочу убедиться, "
        "что всё действительно решилось. Всё ли теперь в порядке?"
    ),
    # The same question for a client whose Telegram name is no name (a handle or a number).
    "followup_ask_unnamed": (
        "Здравствуйте! Недавно вы писали мне (обращение №{id}), и я хочу убедиться, "
        "что всё действительно решилось. Всё ли теперь в порядке?"
    ),
    "followup_thanks_yes": (
        "Спасибо, что ответили, и хорошо, что всё в порядке. Если что-то случится, вы знаете, "
        "где меня найти. А если хотите, оцените нас от 1 до 5:"
    ),
    # No rating here: a client who is not satisfied is asked what is wrong, not for stars.
    "followup_thanks_no": (
        "Простите, что мы не довели дело до конца. Обращение №{id} снова в работе, и ваш "
        "ответ я уже вижу. Напишите, пожалуйста, что осталось не так: прочитаю лично."
    ),
    "followup_rated": "Спасибо за оценку: {rating} из 5. Мне это правда важно.",
    # A rating of 1-3: an apology and a question, never the thanks a 5 gets.
    "followup_rated_low": (
        "Спасибо, что оценили честно: {rating} из 5. Жаль, что мы не оправдали ваших "
        "ожиданий. Расскажите, пожалуйста, что было не так: я прочитаю лично."
    ),
    "followup_answered_already": "Вы уже ответили, спасибо!",
    "followup_outdated": (
        "На этот вопрос отвечать уже не нужно, спасибо! Если что-то не так, просто напишите сюда."
    ),
    "followup_author": "Бот",
}
