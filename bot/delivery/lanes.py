"""Which of one chat's waiting rows go next, and which of them travel as one message.

A chat's queue is a set of lanes, one per ticket (plus one for notices about no ticket).
Order holds inside a lane (a card before the relays under it); between lanes nothing is
owed, so a new complaint's card never waits behind another client's hundred messages.
When a lane has piled up, its rows fold: a client's rapid messages become one relay, twenty
edits of one message one "edited" notice with the latest version, an album one media group.

Everything here is pure: the sender asks, then sends what it is told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.views.cards import MESSAGE_LIMIT, utf16_len
from storage.outbox import OutboxItem

#: Room a folded relay leaves for its heading (number, author) within one message.
RELAY_BODY_LIMIT = MESSAGE_LIMIT - 400
ALBUM_LIMIT = 10  # Telegram's most items in one media group
#: Which relayed media may share one media group (Telegram's rule: photos and videos mix;
#: documents and audio only with their own kind).
ALBUM_FAMILY = {"photo": "visual", "video": "visual", "document": "document", "audio": "audio"}


def lane_heads(
    queue: list[OutboxItem], now: datetime, held: Callable[[OutboxItem], float]
) -> tuple[list[OutboxItem], float | None]:
    """The first row of every lane that may go now, new cards first and then oldest first;
    and the shortest wait among lanes whose first row may not go yet (None if none waits).

    `held` says how many more seconds a row must wait for reasons of the sender's own
    (a relay spaced after the previous one)."""
    heads: list[OutboxItem] = []
    waits: list[float] = []
    seen: set[int | None] = set()
    for item in queue:
        if item.ticket_id in seen:
            continue
        seen.add(item.ticket_id)
        wait = held(item)
        if item.not_before is not None and item.not_before > now:
            wait = max(wait, (item.not_before - now).total_seconds())
        if wait > 0:
            waits.append(wait)
        else:
            heads.append(item)
    heads.sort(key=lambda item: (item.kind != "card", item.id))
    return heads, (min(waits) if waits else None)


def fold_with(head: OutboxItem, queue: list[OutboxItem]) -> list[OutboxItem]:
    """The later rows of the head's lane that travel in the same message as the head."""
    if head.ticket_id is None:
        return []
    lane = [item for item in queue if item.ticket_id == head.ticket_id and item.id > head.id]
    payload = head.payload
    if payload.get("fold") == "relay":
        return _relays(head, lane)
    if payload.get("edit_of") is not None:
        return [item for item in lane if item.payload.get("edit_of") == payload["edit_of"]]
    if payload.get("album"):
        return _album(head, lane)
    return []


def _relays(head: OutboxItem, lane: list[OutboxItem]) -> list[OutboxItem]:
    """Further text relays of the lane, while their text fits one message beside the head's.
    A card further down the lane (a reopened ticket's) is never jumped."""
    used = utf16_len(str(head.payload.get("body", "")))
    taken: list[OutboxItem] = []
    for item in lane:
        if item.kind == "card":
            break
        if item.payload.get("fold") != "relay" or item.not_before is not None:
            continue
        cost = utf16_len(str(item.payload.get("body", ""))) + 1
        if used + cost > RELAY_BODY_LIMIT:
            break
        taken.append(item)
        used += cost
    return taken


def _album(head: OutboxItem, lane: list[OutboxItem]) -> list[OutboxItem]:
    family = ALBUM_FAMILY.get(str(head.payload.get("content_type")))
    if family is None:
        return []
    taken: list[OutboxItem] = []
    for item in lane:
        if len(taken) + 1 >= ALBUM_LIMIT:
            break
        same_album = item.payload.get("album") == head.payload["album"]
        if same_album and ALBUM_FAMILY.get(str(item.payload.get("content_type"))) == family:
            taken.append(item)
    return taken


def folded(head: OutboxItem, extras: list[OutboxItem], render: Renderer) -> OutboxItem:
    """The head row rewritten to carry its lane-mates: what the sender actually sends."""
    if not extras:
        return head
    payload = head.payload
    if payload.get("fold") == "relay":
        bodies = [str(item.payload.get("body", "")) for item in [head, *extras]]
        text = render.relay(head.ticket_id or 0, str(payload.get("author", "?")), bodies)
        return replace(head, payload={**payload, "text": text})
    if payload.get("edit_of") is not None:
        last = extras[-1].payload
        text = render.edit(
            head.ticket_id or 0,
            str(payload.get("author", "?")),
            str(payload.get("old", "")),
            str(last.get("new", "")),
        )
        return replace(head, payload={**payload, "text": text})
    items = [head, *extras]
    media: list[dict[str, Any]] = [
        {"type": item.payload["content_type"], "media": item.payload["file_id"]} for item in items
    ]
    return replace(head, kind="album", payload={**payload, "media": media})


class Renderer:
    """The two texts a fold rewrites; given by the notifier, which writes them unfolded."""

    def __init__(
        self,
        relay: Callable[[int, str, list[str]], str],
        edit: Callable[[int, str, str, str], str],
    ) -> None:
        self.relay = relay
        self.edit = edit
