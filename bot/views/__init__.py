"""Pure rendering: what a person reads and presses. Texts per language, cards, lists and the
digest, dates as people write them, and every inline keyboard with its callback data.

Functions here take values and return strings or markup; they never read the database or
call Telegram. May import: storage.models (values), aiogram types (markup), Babel.
"""
