"""Russian: everything a client sees in their private chat with the bot. It is the one screen
written for outsiders, so it lives apart: polite, no commands, no staff jargon.
"""

TEXTS = {
    "client_start": (
        "Здравствуйте, {name}! Напишите здесь, что случилось или что нам стоит сделать лучше: "
        "сообщение сразу попадёт к директору, и вам ответят лично."
    ),
    "client_help": (
        "Просто напишите сообщение: текст, фото, документ или голосовое. Всё, что вы пишете "
        "сюда, читает директор, и отвечаем мы здесь же."
    ),
    "ack_new": "Спасибо! Обращение №{id} уже у директора. Мы ответим вам здесь лично.",
    "ack_more": "Добавили к обращению №{id}.",
    "ack_reopened": "Вернули обращение №{id} в работу: директор увидит ваше сообщение.",
    "client_reply": "<b>{name}</b>:\n{text}",
    "client_resolved": (
        "Обращение №{id} решено.{resolution}\nЕсли что-то осталось не так, просто напишите сюда."
    ),
    "client_resolution": "\n{text}",
    "client_unknown_command": (
        "Здесь не нужны команды: просто напишите, что случилось, и сообщение получит директор."
    ),
}
