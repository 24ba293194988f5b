"""Letters end to end: a real IMAP server (Dovecot) holds the mailbox, a real SMTP server
(aiosmtpd) takes the answers, and the bot runs against the stand-in Bot API. Every new
letter becomes a ticket, answers go back in the same thread, machines are never answered.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from tests.conftest import DIRECTOR, StartBot
from tests.helpers import button, find_card
from tests.mailserver import ImapServer
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
OURS = "director@club.test"


def letter(
    text: str,
    *,
    subject: str = "Жалоба на тренера",
    sender: str = "Анна Смирнова <anna@client.test>",
    charset: str = "utf-8",
    headers: dict[str, str] | None = None,
    in_reply_to: str | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> tuple[bytes, str]:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = OURS
    message["Subject"] = subject
    message_id = make_msgid(domain="client.test")
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text, charset=charset)
    if attachment is not None:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes(), message_id


def _rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, args).fetchall()


async def _mail_bot(
    start_bot: StartBot, imap: ImapServer, smtp: Any | None = None, **env: Any
) -> Any:
    extra = {"IMAP_URL": imap.url, "MAIL_FROM": OURS}
    if smtp is not None:
        extra["SMTP_URL"] = smtp.url
    return await start_bot(**(extra | env))


async def test_a_letter_becomes_a_ticket_and_stays_unread_in_the_mailbox(
    tg: StandInTelegram, people: People, start_bot: StartBot, imap_server: ImapServer
) -> None:
    raw, _ = letter("Тренер опоздал на 40 минут, занятие скомкали.", charset="windows-1251")
    imap_server.deliver(raw)
    await _mail_bot(start_bot, imap_server)
    card = await tg.wait_message(DIRECTOR, contains="Тренер опоздал на 40 минут")
    assert "Почта · «Жалоба на тренера»" in card.text
    assert "anna@client.test" in card.text
    assert all("\\Seen" not in flags for flags in imap_server.flags().values())


async def test_attachments_are_shown_and_a_huge_one_is_named(
    tg: StandInTelegram, people: People, start_bot: StartBot, imap_server: ImapServer
) -> None:
    await _mail_bot(start_bot, imap_server, MAIL_ATTACHMENT_MB="1")
    raw, _ = letter("Прикладываю чек", attachment=("чек.pdf", b"%PDF-1.4 receipt"))
    imap_server.deliver(raw)
    document = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "document"), None)
    )
    assert tg.file_bytes(document) == b"%PDF-1.4 receipt"
    assert "чек.pdf" in document.text
    # the card names the file too, for whoever gets the card later
    await tg.wait_for(lambda: "Вложения: чек.pdf" in find_card(tg, DIRECTOR, 1).text)
    big = b"%PDF" + b"0" * (2 * 1024 * 1024)
    raw, _ = letter("И видео", subject="Ещё", attachment=("видео.pdf", big))
    imap_server.deliver(raw)
    note = await tg.wait_message(DIRECTOR, contains="больше допустимого")
    assert "видео.pdf" in note.text and "2 MB" in note.text


async def test_a_reply_from_the_card_goes_by_mail_in_the_thread_and_the_answer_joins(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
    db_path: Path,
) -> None:
    await _mail_bot(start_bot, imap_server, smtp_server)
    raw, first_id = letter("В душевой нет горячей воды третий день")
    imap_server.deliver(raw)
    await tg.wait_for(lambda: find_card(tg, DIRECTOR, 1))
    tg.send_command(people[DIRECTOR], "/reply 1 Анна, простите. Сантехник будет сегодня до 18:00.")
    await tg.wait_message(DIRECTOR, contains="Ответ доставлен клиенту (№1)")
    sent = (await smtp_server.wait_for(1))[0].message
    assert sent["To"].addresses[0].addr_spec == "anna@client.test"
    assert str(sent["Subject"]) == "Re: Жалоба на тренера"
    assert sent["In-Reply-To"] == first_id
    assert "Сантехник будет сегодня" in sent.get_content()
    answer, _ = letter(
        "Спасибо, но вода так и не появилась",
        subject="Re: Жалоба на тренера",
        in_reply_to=str(sent["Message-ID"]),
    )
    imap_server.deliver(answer)
    await tg.wait_message(DIRECTOR, contains="вода так и не появилась")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1


async def test_machines_are_never_tickets_nor_answered(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
    db_path: Path,
) -> None:
    await _mail_bot(start_bot, imap_server, smtp_server)
    machines = [
        letter("Я в отпуске до понедельника", headers={"Auto-Submitted": "auto-replied"}),
        letter("Скидки недели", headers={"Precedence": "bulk"}),
        letter("Не доставлено", sender="MAILER-DAEMON <mailer-daemon@mx.test>"),
        letter("Автоответ: я вне офиса", subject="Автоответ: Жалоба"),
        letter("Письмо от нас самих", sender=f"Клуб <{OURS}>"),
    ]
    for raw, _ in machines:
        imap_server.deliver(raw)
    raw, _ = letter("А это человек: шкафчик сломан")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="шкафчик сломан")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1
    outcomes = sorted(o for (o,) in _rows(db_path, "SELECT outcome FROM mail_seen"))
    assert outcomes.count("ticket") == 1 and len(outcomes) == 6
    assert smtp_server.messages == []


async def test_a_review_notice_shows_the_review_and_reply_says_where_to_answer(
    tg: StandInTelegram, people: People, start_bot: StartBot, imap_server: ImapServer
) -> None:
    notice = (
        "Новый отзыв о вашей организации «Фитнес Клуб»\n"
        "Автор: Ольга К.\n"
        "Оценка: 2 из 5\n"
        "Раздевалки грязные, администратор грубит.\n"
        "Ответить на отзыв: https://yandex.ru/sprav/12345/p/edit/reviews?review=777\n"
    )
    raw, _ = letter(
        notice,
        subject="Новый отзыв о «Фитнес Клуб» на Яндекс Картах",
        sender="Яндекс Бизнес <noreply@business.yandex.ru>",
        # review sites send their notices as machines do: still a review, not a robot
        headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"},
    )
    imap_server.deliver(raw)
    await _mail_bot(start_bot, imap_server)
    card = await tg.wait_message(DIRECTOR, contains="Раздевалки грязные")
    assert "Яндекс Карт" in card.text
    assert "★★☆☆☆" in card.text
    tg.press(people[DIRECTOR], card, button(tg, card, "Ответить"))
    said = await tg.wait_message(DIRECTOR, contains="отвечают там, где он оставлен")
    assert "yandex.ru/sprav/12345" in said.text


async def test_nothing_is_lost_across_a_restart(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    db_path: Path,
) -> None:
    bot = await _mail_bot(start_bot, imap_server)
    raw, _ = letter("Первое письмо", subject="Раз")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="Первое письмо")
    await bot.stop()
    for n in range(3):
        raw, _ = letter(f"Письмо номер {n} пока бот спал", subject=f"Письмо {n}")
        imap_server.deliver(raw)
    await _mail_bot(start_bot, imap_server)
    for n in range(3):
        await tg.wait_message(DIRECTOR, contains=f"Письмо номер {n}")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 4


async def test_a_wrong_password_is_told_to_the_directors_once(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    caplog: Any,
) -> None:
    caplog.set_level(logging.WARNING)
    await start_bot(IMAP_URL=imap_server.url_for(password="wrong"), MAIL_FROM=OURS)
    await tg.wait_message(DIRECTOR, contains="не принимает логин или пароль")
    await tg.wait_for(lambda: caplog.text.count("mail.trouble kind=auth") >= 2, timeout=10)
    assert count(tg, DIRECTOR, "не принимает логин или пароль") == 1
    assert "wrong" not in caplog.text  # the password never reaches the log


async def test_closing_tells_the_client_by_mail(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
) -> None:
    await _mail_bot(start_bot, imap_server, smtp_server)
    raw, first_id = letter("Тренажёр сломан", sender="Пётр <petr@client.test>")
    imap_server.deliver(raw)
    await tg.wait_for(lambda: find_card(tg, DIRECTOR, 1))
    tg.send_command(people[DIRECTOR], "/close 1 Заменили трос, простите за неудобство")
    resolved = (await smtp_server.wait_for(1))[0].message
    body = resolved.get_content()
    assert "Здравствуйте, Пётр!" in body and "решённым" in body
    assert "Что мы сделали: Заменили трос" in body
    assert resolved["In-Reply-To"] == first_id


async def _closed_and_asked(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
) -> Any:
    """A letter's ticket, closed, and three days later the follow-up letter: returned."""
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(
        clock=clock,
        IMAP_URL=imap_server.url,
        SMTP_URL=smtp_server.url,
        MAIL_FROM=OURS,
        SCHEDULER_TICK_SECONDS=TICK,
        FOLLOW_UP_DAYS="3",
    )
    raw, _ = letter("Тренажёр сломан")
    imap_server.deliver(raw)
    await tg.wait_for(lambda: find_card(tg, DIRECTOR, 1))
    tg.send_command(people[DIRECTOR], "/close 1")
    await smtp_server.wait_for(1)
    clock.advance(timedelta(days=3, minutes=5))
    return (await smtp_server.wait_for(2))[1].message


async def test_the_follow_up_letter_and_its_answer(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
    db_path: Path,
) -> None:
    followup = await _closed_and_asked(tg, people, start_bot, imap_server, smtp_server)
    assert "всё ли теперь в порядке" in followup.get_content()
    answer, _ = letter(
        "Нет, тренажёр опять не работает",
        subject="Re: Жалоба на тренера",
        in_reply_to=str(followup["Message-ID"]),
    )
    imap_server.deliver(answer)
    await tg.wait_for(lambda: _rows(db_path, "SELECT status FROM tickets") == [("open",)])
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1


async def test_a_server_down_for_an_hour_is_told_once_and_its_return_too(
    tg: StandInTelegram, people: People, start_bot: StartBot, imap_server: ImapServer
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    imap_server.pause()
    await start_bot(clock=clock, IMAP_URL=imap_server.url, MAIL_FROM=OURS, POLL_INTERVAL="1")
    await settle()
    assert count(tg, DIRECTOR, "недоступен") == 0  # a blip is nobody's business
    clock.advance(timedelta(minutes=61))
    await tg.wait_message(DIRECTOR, contains="Почтовый сервер недоступен больше часа", timeout=15)
    imap_server.resume()
    raw, _ = letter("Письмо, пришедшее во время сбоя")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="Почта снова читается", timeout=15)
    await tg.wait_message(DIRECTOR, contains="Письмо, пришедшее во время сбоя")
    assert count(tg, DIRECTOR, "недоступен больше часа") == 1


async def test_a_connection_dropped_while_waiting_loses_nothing(
    tg: StandInTelegram, people: People, start_bot: StartBot, imap_server: ImapServer
) -> None:
    await _mail_bot(start_bot, imap_server)
    raw, _ = letter("До обрыва", subject="Раз")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="До обрыва")
    imap_server.drop_connections()
    raw, _ = letter("После обрыва", subject="Два")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="После обрыва", timeout=10)


async def test_the_first_look_takes_todays_letters_and_leaves_the_years_before(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    db_path: Path,
) -> None:
    """A director connecting a mailbox with years of mail gets today's complaints, not a
    card for every old letter."""
    old, _ = letter(
        "Письмо трёхлетней давности", headers={"Date": "Mon, 01 Nov 2021 10:00:00 +0300"}
    )
    imap_server.deliver(old)
    today = format_datetime(datetime.now(UTC) - timedelta(hours=2))
    fresh, _ = letter("Сегодняшняя жалоба на шум", subject="Шум", headers={"Date": today})
    imap_server.deliver(fresh)
    await _mail_bot(start_bot, imap_server)
    await tg.wait_message(DIRECTOR, contains="Сегодняшняя жалоба на шум")
    await settle()
    assert not [m for m in tg.bot_messages(DIRECTOR) if "трёхлетней" in m.text]
    assert sorted(o for (o,) in _rows(db_path, "SELECT outcome FROM mail_seen")) == [
        "old",
        "ticket",
    ]


async def test_without_mail_from_the_mailbox_login_is_our_own_address(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    db_path: Path,
) -> None:
    """A director who copies their own letters to the watched mailbox gets no ticket from
    themselves, even with no MAIL_FROM set (no SMTP either)."""
    await start_bot(IMAP_URL=imap_server.url)
    raw, _ = letter("Копия моего же письма", sender=f"Директор <{imap_server.user}>")
    imap_server.deliver(raw)
    raw, _ = letter("А это клиент", subject="Клиент")
    imap_server.deliver(raw)
    await tg.wait_message(DIRECTOR, contains="А это клиент")
    await settle()
    assert ("own",) in _rows(db_path, "SELECT outcome FROM mail_seen")
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1


async def test_a_thank_you_to_the_follow_up_keeps_the_case_closed(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    imap_server: ImapServer,
    smtp_server: Any,
    db_path: Path,
) -> None:
    followup = await _closed_and_asked(tg, people, start_bot, imap_server, smtp_server)
    answer, _ = letter(
        "Да, всё хорошо, спасибо!\n\n> Всё ли теперь в порядке?",
        subject="Re: Жалоба на тренера",
        in_reply_to=str(followup["Message-ID"]),
    )
    imap_server.deliver(answer)
    await tg.wait_message(DIRECTOR, contains="Да, всё хорошо, спасибо")  # the staff see it
    await settle()
    assert _rows(db_path, "SELECT status FROM tickets") == [("closed",)]
