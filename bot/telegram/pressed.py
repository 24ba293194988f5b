"""The card a person just pressed, changed in place at once.

What a person just did is answered before any queued notification: the pressed message is
redrawn directly (not through the outbox), and only when it would change, so the sender's
queued edit of the same card then finds it up to date and sends nothing.
"""

from __future__ import annotations

from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.core.tickets import TicketService
from bot.delivery.card_view import CardView, ShownCards, drawn
from bot.delivery.telegram_errors import unless_unchanged


class PressedCard:
    def __init__(self, service: TicketService, cards: CardView, shown: ShownCards) -> None:
        self._service = service
        self._cards = cards
        self._shown = shown

    async def refresh(self, query: CallbackQuery, ticket_id: int) -> None:
        """Bring the pressed message back to the ticket's current card (it may be a /ticket
        view or a picker)."""
        message = query.message
        if not isinstance(message, Message):
            return
        ticket = await self._service.get(ticket_id)
        text, markup = await self._cards.render(ticket, message.chat.id)
        look = drawn(text, markup)
        if self._shown.same(message.chat.id, message.message_id, look):
            return
        with unless_unchanged():
            await message.edit_text(text, reply_markup=markup)
        self._shown.remember(message.chat.id, message.message_id, look)

    async def show_picker(self, query: CallbackQuery, markup: InlineKeyboardMarkup) -> None:
        """A picker in place of the card's buttons: the card no longer shows what was drawn."""
        message = query.message
        if isinstance(message, Message):
            self._shown.open_picker(message.chat.id, message.message_id, markup)
            with unless_unchanged():
                await message.edit_reply_markup(reply_markup=markup)

    def leave_picker(self, query: CallbackQuery) -> None:
        """The person went on to type (a date, a closing note): the card is no longer theirs
        to pick in, so the next queued edit may redraw it."""
        message = query.message
        if isinstance(message, Message):
            self._shown.forget(message.chat.id, message.message_id)
