"""Directors manage where mentions come from: /feeds, /channels, /keywords, /sources, and
the buttons on mention cards and summaries (complaint or not, instant cards for everything).

These change what the whole company watches, so managers and clients are refused.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.events import Actor
from bot.core.mentions import MentionIntake
from bot.core.sources import Sources, channel_name, feed_url
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import DirectorOnly
from bot.telegram.filters import COMMAND_LIKE
from bot.telegram.pressed import PressedCard
from bot.views.cards import format_moment, pack_blocks, source_label
from bot.views.keyboards.callbacks import (
    InstantMode,
    SourcePage,
    SourceRemove,
    SummaryComplaint,
    VerdictPick,
)
from bot.views.keyboards.sources import PAGE_SIZE, instant_keyboard, sources_keyboard
from bot.views.texts import Html, Texts
from collectors.keywords import EXACT_MARK, bare, is_exact
from storage.sources import SourceRecord

# --- /feeds and /channels -------------------------------------------------------------------

KINDS = {"feeds": "feed", "channels": "channel"}
NAME_SHOWN = 300  # a feed URL can be any length; one line must never outgrow a message


def _source_blocks(records: list[SourceRecord], kind: str, texts: Texts, warn: bool) -> list[str]:
    """The whole list as messages of at most 4096 characters, none of it dropped."""
    if records:
        lines = [texts(f"{kind}s_title")]
        lines += [texts("source_line", id=r.id, name=_shown(r.key)) for r in records]
    else:
        lines = [texts(f"{kind}s_empty")]
    if warn:
        lines.append(texts("no_keywords_line"))
    return pack_blocks(lines, separator="\n")


def _shown(name: str) -> str:
    return name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1] + "…"


def _source_keyboard(
    records: list[SourceRecord], kind: str, page: int, texts: Texts
) -> InlineKeyboardMarkup | None:
    """Remove buttons for one page of sources, and arrows to the others when there are."""
    return sources_keyboard([(r.id, r.key) for r in records], kind, page, texts)


async def _show_sources(
    message: Message, kind: str, sources: Sources, intake: MentionIntake, texts: Texts
) -> None:
    records = await sources.listed(kind)
    blocks = _source_blocks(records, kind, texts, warn=not intake.keywords)
    for index, block in enumerate(blocks):
        last = index == len(blocks) - 1
        markup = _source_keyboard(records, kind, 0, texts) if last else None
        await message.answer(block, reply_markup=markup)


async def manage_sources(
    message: Message,
    command: CommandObject,
    sources: Sources,
    intake: MentionIntake,
    texts: Texts,
) -> None:
    """/feeds and /channels share one grammar: list, `add X`, `remove N`."""
    kind = KINDS[command.command.lower()]
    verb, _, rest = (command.args or "").strip().partition(" ")
    rest = rest.strip()
    usage = texts("usage", usage=texts(f"usage_{command.command.lower()}"))
    if not verb:
        await _show_sources(message, kind, sources, intake, texts)
    elif verb == "add" and rest:
        await message.answer(await _add(kind, rest, sources, texts))
    elif verb == "remove" and rest.lstrip("#").isdigit():
        record = await sources.remove(int(rest.lstrip("#")), kind)
        if record is None:
            await message.answer(texts("source_not_found", id=rest.lstrip("#")))
        else:
            await message.answer(texts("source_removed", name=record.key))
    else:
        await message.answer(usage)


async def _add(kind: str, raw: str, sources: Sources, texts: Texts) -> str:
    if kind == "feed":
        url = feed_url(raw)
        if url is None:
            return texts("feed_bad_url", url=raw[:200])
        refused = await sources.refusal(url)
        if refused is not None:
            return texts("feed_refused", url=url[:200], reason=refused)
        record, added = await sources.add_feed(url)
    else:
        name = channel_name(raw)
        if name is None:
            return texts("channel_bad_name", name=raw[:100])
        record, added = await sources.add_channel(name)
    if not added:
        return texts("source_exists", name=record.key)
    return texts(f"{kind}_added", name=record.key)


async def remove_pressed(
    query: CallbackQuery,
    callback_data: SourceRemove,
    sources: Sources,
    intake: MentionIntake,
    texts: Texts,
) -> None:
    """Remove, then redraw: the whole list when it fits the pressed message, else only the
    keyboard (the page the removed source was on); the answer names what was removed."""
    record = None
    for kind in ("feed", "channel"):
        record = record or await sources.remove(callback_data.i, kind)
    if record is None:
        await query.answer(texts("source_not_found", id=callback_data.i), show_alert=True)
        return
    if isinstance(query.message, Message):
        kind = "feed" if record.kind == "feed" else "channel"
        records = await sources.listed(kind)
        page = sum(1 for r in records if r.id < record.id) // PAGE_SIZE
        markup = _source_keyboard(records, kind, page, texts)
        blocks = _source_blocks(records, kind, texts, warn=not intake.keywords)
        with unless_unchanged():
            if len(blocks) == 1:
                await query.message.edit_text(blocks[0], reply_markup=markup)
            else:
                await query.message.edit_reply_markup(reply_markup=markup)
    await query.answer(texts("source_removed", name=record.key))


async def page_pressed(
    query: CallbackQuery, callback_data: SourcePage, sources: Sources, texts: Texts
) -> None:
    if callback_data.k in KINDS.values() and isinstance(query.message, Message):
        records = await sources.listed(callback_data.k)
        markup = _source_keyboard(records, callback_data.k, callback_data.p, texts)
        with unless_unchanged():
            await query.message.edit_reply_markup(reply_markup=markup)
    await query.answer()


# --- /keywords ------------------------------------------------------------------------------

WATCH_VERBS = {"add": "keyword", "minus": "exclude", "block": "author"}


async def keywords(
    message: Message, command: CommandObject, intake: MentionIntake, texts: Texts
) -> None:
    verb, _, word = (command.args or "").strip().partition(" ")
    word = " ".join(word.split())[:100]
    if not verb:
        lists = await intake.watch_lists()
        lists["keyword"] = [_keyword_label(w, texts) for w in lists["keyword"]]
        shown = {kind: ", ".join(words) or texts("nobody") for kind, words in lists.items()}
        text = texts(
            "keywords_title",
            keywords=shown["keyword"],
            exclude=shown["exclude"],
            authors=shown["author"],
        )
        usage = texts("usage", usage=texts("usage_keywords"))
        await message.answer(f"{text}\n\n{usage}")
        return
    if verb in WATCH_VERBS and word:
        kind = WATCH_VERBS[verb]
        try:
            added = await intake.add_word(kind, word)
        except ValueError:
            await message.answer(texts("watch_bad", word=word))
            return
        key = "watch_added" if added else "watch_exists"
        await message.answer(texts(key, word=word, list=texts(f"watch_{kind}")))
    elif verb == "exact" and word:
        await _toggle_exact(message, intake, texts, word)
    elif verb == "remove" and word:
        removed = await intake.remove_word(word)
        if not removed and not is_exact(word):  # "Coffee" names the stored "Coffee!" too
            removed = await intake.remove_word(word + EXACT_MARK)
        await message.answer(texts("watch_removed" if removed else "watch_missing", word=word))
    else:
        await message.answer(texts("usage", usage=texts("usage_keywords")))


def _keyword_label(word: str, texts: Texts) -> str:
    """How the listing shows a keyword: its brand, and whether its Cyrillic reading is off."""
    return texts("keyword_exact_label", word=bare(word)) if is_exact(word) else word


async def _toggle_exact(message: Message, intake: MentionIntake, texts: Texts, word: str) -> None:
    """`/keywords exact Coffee` switches the keyword's Cyrillic reading off, or on again.

    Exactness is the keyword's own trailing "!", so it is one stored word either way and a
    KEYWORDS entry written as "Coffee!" means the same; toggling replaces one with the other.
    """
    plain = bare(word)
    listed = (await intake.watch_lists())["keyword"]
    if plain in listed:
        old, new, key = plain, plain + EXACT_MARK, "keyword_exact_on"
    elif plain + EXACT_MARK in listed:
        old, new, key = plain + EXACT_MARK, plain, "keyword_exact_off"
    else:
        await message.answer(texts("keyword_exact_missing", word=plain))
        return
    await intake.add_word("keyword", new)
    # Removing a word takes it off every list; a minus-word or author spelled the same stays.
    for kind in await intake.remove_word(old):
        if kind != "keyword":
            await intake.add_word(kind, old)
    await message.answer(texts(key, word=plain))


# --- /sources -------------------------------------------------------------------------------


async def overview(
    message: Message,
    sources: Sources,
    intake: MentionIntake,
    config: Config,
    texts: Texts,
) -> None:
    records = await sources.listed()
    counts = await sources.mention_counts()
    tz = config.timezone
    lines = [texts("sources_title")]
    if not records:
        lines.append(texts("sources_empty"))
    for r in records:
        error = texts("nobody")
        if r.last_error and r.last_error_at:
            when = format_moment(r.last_error_at, tz)
            error = texts("sources_error", when=when, reason=r.last_error)
        ok = format_moment(r.last_ok_at, tz) if r.last_ok_at else texts("never")
        if r.kind == "chat":
            ok = texts("nobody")
        lines.append(
            texts(
                "sources_line",
                id=r.id,
                name=Html(source_label(r.key, texts, r.title)),
                ok=ok,
                error=Html(error),
                count=counts.get(r.key, 0),
            )
        )
    if not intake.keywords:
        lines.append(texts("no_keywords_line"))
    if intake.instant_all:
        lines.append(texts("sources_mode_instant"))
    else:
        minutes = f"{config.mention_summary_minutes:g}"
        lines.append(texts("sources_mode_summary", minutes=minutes))
    parts = pack_blocks(lines, separator="\n")
    for index, part in enumerate(parts):
        markup: InlineKeyboardMarkup | None = None
        if index == len(parts) - 1:
            markup = instant_keyboard(intake.instant_all, texts)
        await message.answer(part, reply_markup=markup)


# --- buttons on mention cards and summaries ------------------------------------------------


async def verdict_pressed(
    query: CallbackQuery,
    callback_data: VerdictPick,
    intake: MentionIntake,
    pressed: PressedCard,
    texts: Texts,
    actor: Actor,
) -> None:
    await intake.set_verdict(callback_data.t, callback_data.c, actor)
    await pressed.refresh(query, callback_data.t)
    key = "verdict_complaint" if callback_data.c else "verdict_not"
    await query.answer(texts(key, id=callback_data.t))


async def summary_complaint_pressed(
    query: CallbackQuery,
    callback_data: SummaryComplaint,
    intake: MentionIntake,
    texts: Texts,
    actor: Actor,
) -> None:
    """One tap in a summary: the mention is a complaint and its card goes out now. The
    summary itself stays as it was; the answer says which number was taken."""
    await intake.set_verdict(callback_data.t, True, actor)
    await query.answer(texts("summary_complaint_sent", id=callback_data.t))


async def instant_pressed(
    query: CallbackQuery, callback_data: InstantMode, intake: MentionIntake, texts: Texts
) -> None:
    await intake.set_instant_all(callback_data.on)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(
            reply_markup=instant_keyboard(callback_data.on, texts)
        )
    await query.answer(texts("instant_on" if callback_data.on else "instant_off"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="sources_admin")
    DirectorOnly().attach(router)
    router.message.filter(COMMAND_LIKE)
    router.message.register(manage_sources, Command("feeds", "channels"))
    router.message.register(keywords, Command("keywords"))
    router.message.register(overview, Command("sources"))
    router.callback_query.register(remove_pressed, SourceRemove.filter())
    router.callback_query.register(page_pressed, SourcePage.filter())
    router.callback_query.register(verdict_pressed, VerdictPick.filter())
    router.callback_query.register(instant_pressed, InstantMode.filter())
    router.callback_query.register(summary_complaint_pressed, SummaryComplaint.filter())
    return router
