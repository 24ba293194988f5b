"""English: tickets that came by mail: letters, review-site notices, answers by mail."""

TEXTS: dict[str, str] = {
    "source_email": "Mail · «{name}»",
    "source_email_untitled": "Mail",
    "source_web": "Website, letter to the director",
    "source_review": "{name}",
    "source_via_tag": "via link «{title}»",
    "card_rating": "Rating: {stars} ({rating} of 5)",
    "card_contact": "Contact: {contact}",
    "card_files": "Attachments: {names}",
    "reply_review_elsewhere": (
        "Review #{id} is answered where it was left: its author gets no letter from us. "
        "Answer it here: {link}"
    ),
    "reply_review_elsewhere_nolink": (
        "Review #{id} is answered where it was left, in the site's business account: its "
        "author did not write to us."
    ),
    "reply_no_mail": (
        "The reply to #{id} is kept in the history but cannot go by mail: no mail server is "
        "set up (SMTP_URL). Write to the client at {contact} yourself."
    ),
    "reply_on_page": "The client sees the reply to #{id} on their case page; contact: {contact}.",
    "reply_on_page_mailed": (
        "The client sees the reply to #{id} on their case page, and it was mailed."
    ),
    "reply_text_only": (
        "A client who wrote outside Telegram can be answered with text only (#{id})."
    ),
    "file_caption": "#{id} · {name}",
    "file_too_big": (
        "📎 #{id}: the attachment «{name}» ({size}) is over the limit and was not passed on: "
        "it is in the letter in the mailbox."
    ),
    "mail_auth_failed": (
        "📭 The mailbox refuses the login or password (IMAP_URL): new letters are not read. "
        "Check the password (many providers need an app password). {detail}"
    ),
    "mail_unreachable": (
        "📭 The mail server has been unreachable for over an hour: new letters are not read; "
        "the bot keeps trying. {detail}"
    ),
    "mail_recovered": "📬 Mail is read again: no letter from the outage is lost.",
    "closed_on_page": "Case #{id} is closed. The client will see it on their case page.",
    "closed_untold": (
        "Case #{id} is closed. The client cannot be told by mail: no mail server is set up."
    ),
    "mail_no_text": "(a letter with no text)",
    "mail_off": "no mail server for replies (SMTP_URL)",
    "mail_subject": "An answer to your letter to the director",
    "mail_reply": "{text}\n\n-- \n{signature}",
    "mail_followup": (
        "Hello{name}!\n\nA few days ago you wrote to me (case #{id}). I want to make sure: is "
        "everything fine now? If not, just answer this letter; I will read it myself.\n\n-- \n"
        "{signature}"
    ),
    "mail_resolved": (
        "Hello{name}!\n\nOn my side I consider case #{id} resolved, but the last word is "
        "yours.{resolution}\n\nThank you for writing: this is how we learn where we go wrong. "
        "If something is still wrong, just answer this letter.\n\n-- \n{signature}"
    ),
    "mail_resolution": "\n\nWhat we did: {text}",
}
