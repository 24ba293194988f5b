"""Pure building of the /export files: complaints (storage.export rows) → CSV bytes and XLSX
bytes, one row per ticket, column names in the bot's language.

Nothing here touches Telegram, the database or the event loop: the core feeds rows in pages
from a worker thread (`ExportBuilder.add`), so 100,000 tickets never block the bot, and the
tests build the same files from a list (`to_csv`, `to_xlsx`).

- CSV: UTF-8 with a BOM, which is how Excel knows the file is UTF-8 and shows Cyrillic right
  on a double-click. The delimiter is the language's (`export_csv_delimiter`): ";" for
  Russian, because Excel in a Russian locale splits on its list separator ";" (the comma is
  its decimal mark) and would put a ","-separated row into one cell; "," for English. No
  "sep=" line: with one, Excel ignores the BOM and the Cyrillic breaks again.
- XLSX: openpyxl's write-only workbook (rows are streamed to a temporary file, not held as
  cell objects), header bold and frozen, an auto-filter, fixed widths per column, moments as
  real Excel date-times in the company's time zone, counts and minutes as numbers.
- Client texts are hostile input: a value that starts with "=", "+", "-", "@" (or a tab or a
  carriage return) would be run as a formula by Excel (CSV) or stored as one by openpyxl
  (XLSX), so it gets a leading "'" in both files; control characters XML cannot carry are
  dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from bot.views.cards import is_feed
from bot.views.texts import Texts
from storage.export import ExportRow
from storage.models import RootCause, Status

Cell = str | int | datetime | None

#: (column key, XLSX width in characters), in the order the files show them.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("id", 7),
    ("source", 17),
    ("tag", 24),
    ("link", 28),
    ("client", 22),
    ("text", 60),
    ("status", 12),
    ("created", 17),
    ("first_response", 17),
    ("first_response_minutes", 12),
    ("owner", 20),
    ("due", 17),
    ("due_history", 24),
    ("promise", 11),
    ("cause", 24),
    ("resolution", 40),
    ("closed", 17),
    ("followup", 18),
    ("rating", 8),
    ("reopened", 10),
)
#: The kinds of source the export names (storage's source keys: see `source_kind`).
SOURCE_KINDS = ("dm", "business", "chat", "channel", "feed")

# What Excel (and LibreOffice) would take for the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry (openpyxl refuses them); tab, LF and CR stay.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_LIMIT = 32_767  # Excel's most characters in one cell


def neutral(text: str) -> str:
    """A client's text made safe to open in a spreadsheet: control characters dropped and a
    leading "'" before anything a spreadsheet would read as a formula."""
    text = _ILLEGAL.sub("", text)
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class ExportLabels:
    """Every word the files hold, read from the catalogue once on the event loop, so the
    worker thread building the files needs nothing but this."""

    columns: tuple[str, ...]
    delimiter: str
    csv_dates: str  # a strftime format the language's Excel reads as a date-time
    xlsx_dates: str  # an Excel number format
    sheet: str
    sources: dict[str, str]
    statuses: dict[str, str]
    causes: dict[str, str]
    promise_kept: str
    promise_missed: str
    followups: dict[str | None, str]

    @classmethod
    def from_texts(cls, texts: Texts) -> ExportLabels:
        return cls(
            columns=tuple(texts(f"export_col_{key}") for key, _ in COLUMNS),
            delimiter=texts("export_csv_delimiter"),
            csv_dates=texts("export_csv_date_format"),
            xlsx_dates=texts("export_xlsx_date_format"),
            sheet=texts("export_sheet"),
            sources={kind: texts(f"export_source_{kind}") for kind in SOURCE_KINDS},
            statuses={status.value: texts(f"status_{status.value}") for status in Status},
            causes=_causes(texts),
            promise_kept=texts("export_promise_kept"),
            promise_missed=texts("export_promise_missed"),
            followups={
                "yes": texts("export_followup_yes"),
                "no": texts("export_followup_no"),
                None: texts("export_followup_none"),
            },
        )


def _causes(texts: Texts) -> dict[str, str]:
    """The root causes' names as cards show them; a cause the catalogue has no name for yet
    shows its stored value rather than stopping the bot from starting."""
    names: dict[str, str] = {}
    for cause in RootCause:
        try:
            names[cause.value] = texts(f"cause_{cause.value}")
        except KeyError:
            names[cause.value] = cause.value
    return names


def cause_cell(row: ExportRow, labels: ExportLabels) -> str | None:
    """The cause's name, and the staff's own word after it when they gave one ("Другое:
    парковка")."""
    if not row.root_cause:
        return None
    name = labels.causes.get(row.root_cause, row.root_cause)
    return f"{name}: {row.root_cause_note}" if row.root_cause_note else name


def source_kind(source: str) -> str | None:
    """The kind of a source key ("telegram", "tg:<chat>", "t.me/<name>", a feed's URL);
    None for a kind this export does not know, which then shows its key."""
    if source == "telegram":
        return "dm"
    if source == "business":
        return "business"
    if source.startswith("tg:"):
        return "chat"
    if source.startswith("t.me/"):
        return "channel"
    if is_feed(source):
        return "feed"
    return None


def source_tag(row: ExportRow) -> str:
    """Which group, channel or feed: its title when known, else its name or host; empty for
    a direct message (the client column says who)."""
    kind = source_kind(row.source)
    if kind in ("dm", "business"):
        return row.source_title or ""  # a poster's title, for a DM that came by its link
    if row.source_title:
        return row.source_title
    if kind == "feed":
        return urlsplit(row.source).hostname or row.source
    return row.source


def promise(row: ExportRow, now: datetime) -> bool | None:
    """Whether the control date was kept: closed on or before it (kept), closed after it or
    still open past it (missed); None without a control date, or while it is still ahead."""
    if row.due_at is None:
        return None
    if row.closed_at is not None:
        return row.closed_at <= row.due_at
    return False if now > row.due_at else None


def cells(row: ExportRow, labels: ExportLabels, tz: ZoneInfo, now: datetime) -> list[Cell]:
    """One ticket as the table's cells, in COLUMNS order: moments are naive date-times on the
    company's clock (a spreadsheet has no time zones), counts are ints, texts are raw (each
    file neutralises them on writing)."""

    def local(moment: datetime | None) -> datetime | None:
        return moment.astimezone(tz).replace(tzinfo=None) if moment else None

    kind = source_kind(row.source)
    link = row.link or (row.source if kind == "feed" else None)
    minutes = None
    if row.first_response_at is not None:
        seconds = (row.first_response_at - row.created_at).total_seconds()
        minutes = max(0, int(seconds // 60))
    history = row.due_history or ((row.due_at,) if row.due_at else ())
    kept = promise(row, now)
    answer = row.followup_answer
    followup = labels.followups.get(answer, answer) if row.followup_asked else None
    return [
        row.id,
        labels.sources[kind] if kind else row.source,
        source_tag(row),
        link,
        row.author_name or None,
        row.text,
        labels.statuses.get(row.status, row.status),
        local(row.created_at),
        local(row.first_response_at),
        minutes,
        row.owner_name,
        local(row.due_at),
        " → ".join(format_moment(local(m), labels) for m in history) or None,
        None if kept is None else labels.promise_kept if kept else labels.promise_missed,
        cause_cell(row, labels),
        row.resolution,
        local(row.closed_at),
        followup,
        row.rating,
        row.reopened,
    ]


def format_moment(moment: datetime | None, labels: ExportLabels) -> str:
    """A moment as the CSV writes it, in the form the language's Excel reads as a date."""
    if moment is None:
        return ""
    return moment.strftime(labels.csv_dates)


class CsvSheet:
    """The CSV, written row by row into memory: UTF-8 with a BOM, the language's delimiter,
    CRLF line ends (what Excel writes and reads best)."""

    def __init__(self, labels: ExportLabels) -> None:
        self._labels = labels
        self._bytes = io.BytesIO()
        self._text = io.TextIOWrapper(self._bytes, encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._text, delimiter=labels.delimiter, lineterminator="\r\n")
        self._writer.writerow([neutral(name) for name in labels.columns])

    def add(self, rows: Iterable[list[Cell]]) -> None:
        self._writer.writerows([self._value(cell) for cell in row] for row in rows)

    def _value(self, cell: Cell) -> str | int:
        if cell is None:
            return ""
        if isinstance(cell, datetime):
            return format_moment(cell, self._labels)
        if isinstance(cell, str):
            return neutral(cell)
        return cell

    def finish(self) -> bytes:
        self._text.flush()
        data = self._bytes.getvalue()
        self._text.detach()
        return data


class XlsxSheet:
    """The XLSX, streamed through openpyxl's write-only workbook."""

    def __init__(self, labels: ExportLabels) -> None:
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(neutral(labels.sheet)[:31])
        self._date_format = labels.xlsx_dates
        self._rows = 0
        # Widths, the frozen header and the filter must be set before the first row streams.
        for index, (_, width) in enumerate(COLUMNS, start=1):
            self._sheet.column_dimensions[get_column_letter(index)].width = width
        self._sheet.freeze_panes = "A2"
        bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        header = []
        for name in labels.columns:
            cell = WriteOnlyCell(self._sheet, value=neutral(name))
            cell.font, cell.alignment = bold, wrap
            header.append(cell)
        self._sheet.append(header)

    def add(self, rows: Iterable[list[Cell]]) -> None:
        for row in rows:
            self._sheet.append([self._value(cell) for cell in row])
            self._rows += 1

    def _value(self, cell: Cell) -> Cell | WriteOnlyCell:
        if isinstance(cell, str):
            return neutral(cell)[:XLSX_CELL_LIMIT]
        if isinstance(cell, datetime):
            dated = WriteOnlyCell(self._sheet, value=cell)
            dated.number_format = self._date_format
            return dated
        return cell

    def finish(self) -> bytes:
        last = get_column_letter(len(COLUMNS))
        self._sheet.auto_filter.ref = f"A1:{last}{self._rows + 1}"
        out = io.BytesIO()
        self._book.save(out)
        return out.getvalue()


class ExportBuilder:
    """Both files at once, a page of rows at a time: made, fed and finished in a worker
    thread (never two threads at once), so neither the rows' conversion nor openpyxl's
    XML ever runs on the event loop."""

    def __init__(self, labels: ExportLabels, tz: ZoneInfo, now: datetime) -> None:
        self._labels = labels
        self._tz = tz
        self._now = now
        self._csv = CsvSheet(labels)
        self._xlsx = XlsxSheet(labels)
        self.count = 0

    def add(self, rows: Iterable[ExportRow]) -> None:
        table = [cells(row, self._labels, self._tz, self._now) for row in rows]
        self._csv.add(table)
        self._xlsx.add(table)
        self.count += len(table)

    def finish(self) -> tuple[bytes, bytes]:
        """(CSV bytes, XLSX bytes)."""
        return self._csv.finish(), self._xlsx.finish()


def to_csv(rows: Iterable[ExportRow], labels: ExportLabels, tz: ZoneInfo, now: datetime) -> bytes:
    sheet = CsvSheet(labels)
    sheet.add(cells(row, labels, tz, now) for row in rows)
    return sheet.finish()


def to_xlsx(rows: Iterable[ExportRow], labels: ExportLabels, tz: ZoneInfo, now: datetime) -> bytes:
    sheet = XlsxSheet(labels)
    sheet.add(cells(row, labels, tz, now) for row in rows)
    return sheet.finish()
