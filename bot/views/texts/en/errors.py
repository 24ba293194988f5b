"""English: refusals and failures: the wrong person, a stale button, a ticket that does not
exist, our own crash. Short and blameless, since the reader usually did nothing wrong.
"""

TEXTS = {
    "staff_only_command": "This command is for the company's staff only.",
    "error_generic": "Something went wrong and we are on it. Please try again a little later.",
    "staff_only_button": "These buttons are for the company's staff only.",
    "ticket_not_found": "There is no case #{id}.",
    "button_outdated": "This button is out of date. Open the card again: /ticket N.",
    "directors_only": "This command is for directors only.",
}
