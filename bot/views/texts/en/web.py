"""English: the "letter to the director" web page and the client's private status page.

Written for outsiders, in the director's own first person (shared/phrase-guide.md, R2).
Every error says what to do next and that nothing typed is lost; no text promises more than
the system does ("I will read it", not "I will answer today"). Values are escaped by
`Texts`, so these templates are HTML and safe to put into a page as they come out.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "web_title": "A letter to the director",
    "web_role_director": "director",
    "web_role_manager": "manager",
    "web_words_default": (
        "If something went wrong with us, tell me plainly, even in a few words. I read every "
        "letter myself, and the answer will be on your private page: you get its link as "
        "soon as you send."
    ),
    "web_place": "Place: {place}",
    "web_required": "required",
    "web_optional": "optional",
    "web_label_name": "Your name",
    "web_hint_name": "However you like to be addressed.",
    "web_label_contact": "How to reach you",
    "web_hint_contact": (
        "A phone, an email or a Telegram username, if you would rather talk there. The "
        "answer will be on your private page either way."
    ),
    "web_hint_contact_mail": (
        "A phone, an email or a Telegram username. The answer will be on your private page, "
        "and if you leave an email, I will send it there too."
    ),
    "web_label_text": "What happened",
    "web_hint_text": "Tell it as it was: what, where and when. Up to {limit} characters.",
    "web_label_photo": "Photo",
    "web_hint_photo": "A picture helps if you have one. JPEG, PNG or WebP, up to {limit}\u00a0MB.",
    "web_label_honeypot": "This field is a spam check, leave it empty",
    "web_label_consent": (
        "I agree to the processing of the personal data in this letter (my name, contact, "
        "text and photo) so that I can be contacted and answered"
    ),
    "web_policy": "How we keep and protect data: {link}.",
    "web_policy_link": "privacy policy",
    "web_send": "Send the letter",
    "web_errors_title": "The letter is not sent yet. Please fix:",
    "web_error_label": "Error:",
    "web_error_name_long": "The name is longer than {limit} characters. Please shorten it.",
    "web_error_contact_long": (
        "The contact is longer than {limit} characters. Leave just one: a phone, an email "
        "or a username."
    ),
    "web_error_text_empty": (
        "Please write at least a few words about what happened: otherwise I have nothing to read."
    ),
    "web_error_text_long": (
        "The text is longer than {limit} characters (it has {length}). Shorten it, and add "
        "the rest on your private page after sending."
    ),
    "web_error_photo_big": (
        "The photo is over {limit}\u00a0MB. Choose a smaller one or send the letter without it."
    ),
    "web_error_photo_type": (
        "This file does not look like a JPEG, PNG or WebP photo. Choose another or send the "
        "letter without it."
    ),
    "web_error_consent": (
        "The law does not let me accept a letter without consent to processing personal "
        "data. Please tick the box."
    ),
    "web_error_honeypot": (
        "The hidden spam-check field was filled in (browsers sometimes do it on their own). "
        "It is cleared now: please send the letter again."
    ),
    "web_error_forged": (
        "The letter was not sent: the page was open too long or in another window. Your "
        "text is kept below, press “Send” again."
    ),
    "web_error_too_many": {
        "one": (
            "Several letters have just come from your address, and the spam guard asks to "
            "wait. You can send again in {count} minute; your text is kept."
        ),
        "other": (
            "Several letters have just come from your address, and the spam guard asks to "
            "wait. You can send again in {count} minutes; your text is kept."
        ),
    },
    "web_photo_again": (
        "If you want the photo, choose it again: browsers do not send it a second time."
    ),
    "web_thanks_title": "Thank you for writing",
    "web_thanks_text": (
        "Your letter is with me now, and I am sorry you had reason to write. I will read it "
        "myself, and if anything is unclear, I will ask. Your case number: {id}."
    ),
    "web_thanks_repeat": (
        "This letter reached me before, there is no need to send it again. Your case number: {id}."
    ),
    "web_thanks_new_case": (
        "Thank you! Your earlier case was closed long ago, so your message opened a new one, "
        "No. {id}. I will read it myself."
    ),
    "web_link_title": "Your private link",
    "web_link_text": "The answer will appear here, and you can add to your letter here too:",
    "web_link_keep": (
        "This link is yours alone: it opens our correspondence. Keep it, in your bookmarks "
        "for example, and do not pass it on."
    ),
    "web_link_lost": (
        "You saw your private link when you first sent the letter. If it is lost, write a "
        "new letter and mention number {id}: I will see it continues the case."
    ),
    "web_thanks_mail": "I will also send the answer to {contact}.",
    "web_open_status": "Open your case page",
    "web_status_title": "Case No. {id}",
    "web_status_label": "Status",
    "web_status_received": "Received. Your letter is with me, and I will read it myself.",
    "web_status_in_work": "In work: I am looking into it; the answer will appear here.",
    "web_status_resolved": (
        "On my side I consider this resolved, but the last word is yours: if something is "
        "still wrong, write below and I will see it."
    ),
    "web_thread_title": "Correspondence",
    "web_line_you": "You",
    "web_line_signature": "{name}, {role}",
    "web_line_file": "A file was sent that this page cannot show.",
    "web_add_label": "Add a message",
    "web_add_hint": "If you remembered something or want to answer, write here: I will see it.",
    "web_add_send": "Send",
    "web_added": "Got it, I will read it together with the rest.",
    "web_private_note": "This page opens only with your private link.",
    "web_write_letter": "Write to the director",
    "web_not_found_title": "There is no such page",
    "web_not_found_text": (
        "The link may have been copied only in part: please check it. Or write to me again, "
        "I will read it."
    ),
    "web_too_big_title": "The file is too large",
    "web_too_big_text": (
        "The letter was not sent: the attachment is over {limit}\u00a0MB. Go back, choose a "
        "smaller photo and send again."
    ),
    "web_failed_title": "Sorry, something broke on our side",
    "web_failed_text": (
        "Because of it your letter may not have reached me. Please send it again in a "
        "couple of minutes."
    ),
}
