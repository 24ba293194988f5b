"""A ticket's card as one chat sees it: text and buttons, drawn from the database as it is now.

Drawn when a card is sent, not when it is queued, so a burst of changes costs one edit per chat
and always shows the latest state. The drawing itself is pure (bot.views.cards and keyboards);
this class only gathers the facts it needs (how many messages, the owner's name).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import window_closes
from bot.core.tickets import TicketService
from bot.delivery.team_chat import TeamChat
from bot.views.cards import CardFacts, render_card
from bot.views.keyboards.card import card_keyboard
from bot.views.texts import Texts
from storage.models import Ticket


class CardView:
    def __init__(
        self,
        service: TicketService,
        texts: Texts,
        config: Config,
        team: TeamChat,
        clock: Clock = utc_now,
    ) -> None:
        self._service = service
        self._t = texts
        self._config = config
        self._team = team
        self._now = clock

    def can_assign_in(self, chat_id: int) -> bool:
        """Owners are picked where the directors work: their own chats and the team chat."""
        return chat_id in self._config.director_ids or self._team.is_team(chat_id)

    async def render(self, ticket: Ticket, chat_id: int) -> tuple[str, InlineKeyboardMarkup]:
        count, failed = await self._service.summary(ticket.id)
        owner = None
        if ticket.owner_id is not None:
            member = await self._service.staff_member(ticket.owner_id)
            owner = member.display_name if member else str(ticket.owner_id)
        off, has_bot = await self._service.business_facts(ticket, self._config.director_ids)
        outside = ticket.source in ("email", "web")  # only they bring stored files
        facts = CardFacts(
            owner_name=owner,
            message_count=count,
            last_reply_failed=failed,
            business_off=off,
            client_has_bot=has_bot,
            window_closes=window_closes(ticket),
            files=tuple(await self._service.file_names(ticket.id)) if outside else (),
        )
        text = render_card(ticket, facts, self._t, self._config.timezone, self._now())
        markup = card_keyboard(ticket, self._t, can_assign=self.can_assign_in(chat_id))
        return text, markup


def drawn(text: str, markup: InlineKeyboardMarkup | None) -> str:
    """A card's look as one comparable string: its text and its buttons."""
    return text + "\x00" + (markup.model_dump_json(exclude_none=True) if markup else "")


class ShownCards:
    """What each posted card shows now, as `drawn` strings, so an edit that would change
    nothing is never sent: "message is not modified" answers still cost the chat's rate.

    It also knows which cards show a picker (owner, control date, cause, close) that a person
    opened in place of the buttons: a queued edit leaves such a card alone instead of
    snatching the picker from under the person's finger; their choice redraws the card as it
    is then. A picker left open longer than PICKER_SECONDS is taken as abandoned.

    Kept in memory (bounded): after a restart the first edit of each card is sent as before.
    """

    PICKER_SECONDS = 120.0

    def __init__(self, size: int = 20_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._size = size
        self._clock = clock
        self._shown: OrderedDict[tuple[int, int], str] = OrderedDict()
        self._pickers: dict[tuple[int, int], tuple[InlineKeyboardMarkup, float]] = {}

    def same(self, chat_id: int, message_id: int, look: str) -> bool:
        return self._shown.get((chat_id, message_id)) == look

    def remember(self, chat_id: int, message_id: int, look: str) -> None:
        """The card shows `look`, its own buttons included: any picker is closed."""
        key = (chat_id, message_id)
        self._pickers.pop(key, None)
        self._shown[key] = look
        self._shown.move_to_end(key)
        while len(self._shown) > self._size:
            self._shown.popitem(last=False)

    def forget(self, chat_id: int, message_id: int) -> None:
        self._shown.pop((chat_id, message_id), None)
        self._pickers.pop((chat_id, message_id), None)

    def open_picker(self, chat_id: int, message_id: int, markup: InlineKeyboardMarkup) -> None:
        key = (chat_id, message_id)
        self._shown.pop(key, None)
        self._pickers[key] = (markup, self._clock())
        while len(self._pickers) > self._size:
            self._pickers.pop(next(iter(self._pickers)))

    def picker(self, chat_id: int, message_id: int) -> InlineKeyboardMarkup | None:
        """The picker a person has open on this card, if any (and not abandoned)."""
        entry = self._pickers.get((chat_id, message_id))
        if entry is None:
            return None
        markup, since = entry
        if self._clock() - since > self.PICKER_SECONDS:
            del self._pickers[(chat_id, message_id)]
            return None
        return markup
