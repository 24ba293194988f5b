"""Russian: what the staff chat gets when a client writes, edits or comes back after closing,
and when someone is made a ticket's owner.
"""

TEXTS = {
    "assigned_you": "{actor} назначил(а) вас ответственным за обращение №{id}.",
    "relay_header": "💬 №{id} · {author}:",
    "relay_text": "💬 №{id} · {author}:\n{text}",
    "relay_edit": "✏️ №{id} · {author} исправил(а) сообщение.\nБыло: {old}\nСтало: {new}",
    "relay_reopened": "↩️ Клиент написал после закрытия — №{id} снова в работе.",
    # Plain text, no markup: this line is stored with the message (bot/views/forwarded.py).
    "forwarded_from": "↪️ Переслано от: {name} · {when}",
    "forwarded_signed": "{name}, подпись: {signature}",
    "forwarded_anonymous": "↪️ Переслано, автор неизвестен · {when}",
}
