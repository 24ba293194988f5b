"""Which rows of one chat's queue go next (one lane per ticket, new cards first) and which of
them fold into one message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.delivery.lanes import Renderer, fold_with, folded, lane_heads
from storage.outbox import OutboxItem

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def row(
    n: int,
    ticket: int | None,
    *,
    kind: str = "card",
    later: bool = False,
    payload: dict[str, Any] | None = None,
) -> OutboxItem:
    return OutboxItem(
        id=n,
        chat_id=100,
        ticket_id=ticket,
        kind=kind,
        payload=payload or {},
        post_kind=None,
        attempts=0,
        not_before=NOW + timedelta(seconds=5) if later else None,
        created_at=NOW,
    )


def relay(n: int, ticket: int, body: str) -> OutboxItem:
    return row(n, ticket, kind="text", payload={"fold": "relay", "author": "Анна", "body": body})


def ids(rows: list[OutboxItem]) -> list[int]:
    return [r.id for r in rows]


def free(item: OutboxItem) -> float:
    return 0.0


def heads(queue: list[OutboxItem]) -> list[int]:
    return ids(lane_heads(queue, NOW, free)[0])


def test_each_ticket_is_a_lane_and_its_first_row_goes() -> None:
    queue = [row(1, 7), row(2, 8), row(3, 7), row(4, 9)]
    assert heads(queue) == [1, 2, 4]


def test_a_new_card_overtakes_another_tickets_backlog() -> None:
    queue = [relay(n, 1, f"сообщение {n}") for n in range(1, 100)] + [row(100, 2)]
    assert heads(queue) == [100, 1]


def test_notices_about_no_ticket_keep_their_order_among_themselves() -> None:
    queue = [row(1, None, kind="text"), row(2, 5, kind="text"), row(3, None, kind="text")]
    assert heads(queue) == [1, 2]


def test_a_postponed_row_holds_only_its_own_lane() -> None:
    queue = [row(1, 1, later=True), row(2, 1), row(3, 3)]
    ready, wait = lane_heads(queue, NOW, free)
    assert ids(ready) == [3]
    assert wait == 5.0
    ready, wait = lane_heads(queue, NOW, lambda item: 2.0 if item.id == 3 else 0.0)
    assert ids(ready) == [] and wait == 2.0


def test_a_clients_rapid_messages_fold_into_one_relay() -> None:
    queue = [relay(1, 1, "раз"), row(2, 1, kind="edit_card"), relay(3, 1, "два")]
    queue += [relay(4, 2, "чужое"), relay(5, 1, "три")]
    extras = fold_with(queue[0], queue)
    assert ids(extras) == [3, 5]
    render = Renderer(lambda t, a, bodies: f"№{t} {a}: " + " / ".join(bodies), lambda *a: "")
    assert folded(queue[0], extras, render).payload["text"] == "№1 Анна: раз / два / три"


def test_a_relay_never_jumps_a_card_and_stops_at_one_message() -> None:
    queue = [relay(1, 1, "раз"), row(2, 1), relay(3, 1, "два")]
    assert fold_with(queue[0], queue) == []
    long = [relay(n, 1, "я" * 1500) for n in range(1, 6)]
    assert ids(fold_with(long[0], long)) == [2]


def test_edits_of_one_message_fold_into_the_latest_version() -> None:
    def edit(n: int, entry: int, old: str, new: str) -> OutboxItem:
        payload = {"edit_of": entry, "author": "Анна", "old": old, "new": new}
        return row(n, 1, kind="text", payload=payload)

    queue = [edit(1, 10, "a", "b"), edit(2, 11, "x", "y"), edit(3, 10, "b", "c")]
    extras = fold_with(queue[0], queue)
    assert ids(extras) == [3]
    render = Renderer(lambda *a: "", lambda t, a, old, new: f"{old}->{new}")
    assert folded(queue[0], extras, render).payload["text"] == "a->c"


def test_an_album_becomes_one_media_group_of_compatible_parts() -> None:
    def part(n: int, kind: str, album: str = "g1") -> OutboxItem:
        payload = {"album": album, "file_id": f"f{n}", "content_type": kind, "caption": "c"}
        return row(n, 1, kind="copy", payload=payload)

    queue = [part(1, "photo"), part(2, "video"), part(3, "document"), part(4, "photo", "g2")]
    queue += [part(n, "photo") for n in range(5, 20)]
    extras = fold_with(queue[0], queue)
    assert ids(extras) == [2, 5, 6, 7, 8, 9, 10, 11, 12]
    album = folded(queue[0], extras, Renderer(lambda *a: "", lambda *a: ""))
    assert album.kind == "album"
    assert [m["media"] for m in album.payload["media"]][:3] == ["f1", "f2", "f5"]
