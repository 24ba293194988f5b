"""English, kept key for key in step with Russian (tests/test_texts_and_keyboards.py checks it).

One module per screen, so a change to a screen touches one short file; `merge` joins them
into one catalogue and refuses a key that two screens both claim.
"""

from bot.views.texts.catalogue import load

TEXTS = load("en")
