"""English: what the staff chat gets when a client writes, edits or comes back after closing,
and when someone is made a ticket's owner.
"""

TEXTS = {
    "assigned_you": "{actor} made you the owner of case #{id}.",
    "relay_header": "💬 #{id} · {author}:",
    "relay_text": "💬 #{id} · {author}:\n{text}",
    "relay_edit": "✏️ #{id} · {author} edited a message.\nWas: {old}\nNow: {new}",
    "relay_reopened": "↩️ The client wrote after closing: #{id} is open again.",
    # Plain text, no markup: this line is stored with the message (bot/views/forwarded.py).
    "forwarded_from": "↪️ Forwarded from: {name} · {when}",
    "forwarded_signed": "{name}, signed: {signature}",
    "forwarded_anonymous": "↪️ Forwarded, author unknown · {when}",
}
