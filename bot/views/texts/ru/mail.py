"""Russian: tickets that came by mail: letters, review-site notices, answers by mail."""

TEXTS: dict[str, str] = {
    "source_email": "Почта · «{name}»",
    "source_email_untitled": "Почта",
    "source_web": "Сайт, письмо директору",
    "source_review": "{name}",
    "source_via_tag": "по ссылке «{title}»",
    "card_rating": "Оценка: {stars} ({rating} из 5)",
    "card_contact": "Связь: {contact}",
    "card_files": "Вложения: {names}",
    # staff, when a reply goes or cannot go by mail / the web page
    "reply_review_elsewhere": (
        "На отзыв №{id} отвечают там, где он оставлен: автор отзыва не получит письмо от нас. "
        "Ответить на отзыв: {link}"
    ),
    "reply_review_elsewhere_nolink": (
        "На отзыв №{id} отвечают там, где он оставлен: в личном кабинете площадки. "
        "Письмом автору не ответить: он не писал нам сам."
    ),
    "reply_no_mail": (
        "Ответ по №{id} сохранён в истории, но письмом не уйдёт: почта для ответов не "
        "настроена (SMTP_URL). Напишите клиенту на {contact} сами."
    ),
    "reply_on_page": (
        "Ответ по №{id} виден клиенту на его странице обращения; связаться можно и так: {contact}."
    ),
    "reply_on_page_mailed": (
        "Ответ по №{id} виден клиенту на его странице обращения и ушёл письмом."
    ),
    "reply_text_only": (
        "Клиенту, который писал не в Telegram, можно ответить только текстом (№{id})."
    ),
    # the file that came with a letter, under the card
    "file_caption": "№{id} · {name}",
    "file_too_big": (
        "📎 №{id}: вложение «{name}» ({size}) больше допустимого и не передано: оно есть в "
        "письме в почтовом ящике."
    ),
    # mailbox trouble, to the directors once
    "mail_auth_failed": (
        "📭 Почтовый ящик не принимает логин или пароль (IMAP_URL): новые письма не читаются. "
        "Проверьте пароль (для Яндекс и Mail.ru нужен пароль приложения). {detail}"
    ),
    "mail_unreachable": (
        "📭 Почтовый сервер недоступен больше часа: новые письма не читаются, бот продолжает "
        "пробовать. {detail}"
    ),
    "mail_recovered": "📬 Почта снова читается: письма за время сбоя не потеряны.",
    # letters to clients (plain text)
    "closed_on_page": "Обращение №{id} закрыто. Клиент увидит это на странице своего обращения.",
    "closed_untold": (
        "Обращение №{id} закрыто. Письмом клиенту не сообщить: почта для ответов не настроена."
    ),
    "mail_no_text": "(письмо без текста)",
    "mail_off": "почта для ответов не настроена (SMTP_URL)",
    "mail_subject": "Ответ на ваше письмо директору",
    "mail_reply": "{text}\n\n-- \n{signature}",
    "mail_followup": (
        "Здравствуйте{name}!\n\nНесколько дней назад вы писали мне (обращение №{id}). Хочу "
        "убедиться: всё ли теперь в порядке? Если нет, просто ответьте на это письмо, я прочитаю "
        "его лично.\n\n-- \n{signature}"
    ),
    "mail_resolved": (
        "Здравствуйте{name}!\n\nСо своей стороны я считаю вопрос по обращению №{id} решённым, но "
        "последнее слово за вами.{resolution}\n\nСпасибо, что написали: так мы видим, где "
        "ошибаемся. Если что-то осталось не так, просто ответьте на это письмо.\n\n-- \n{signature}"
    ),
    "mail_resolution": "\n\nЧто мы сделали: {text}",
}
