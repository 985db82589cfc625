"""The ledger (台账) written out: CSV and JSON Lines for scripts, XLSX for the street office.

The rows come from tickets.ledger.ledger_rows and the figures from tickets.figures; this module
only lays them out. Reporters' words end up in spreadsheets opened on office PCs, so text that a
spreadsheet would run as a formula is defused (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.ledger_photos import (
    PHOTO_SHEET_TITLES,
    LedgerPhoto,
    fill_photo_sheet,
    link_first_photos,
    with_photo_links,
)
from tickets.figures import Figures, ranking
from tickets.ledger import COLUMNS, TIME_COLUMNS
from tickets.taxonomy import Taxonomy

# The catalogue's words for a key made from data ("state.closed"), or the default when it has
# none: the bot's catalogue, passed in by whoever writes the file.
Words = Callable[[str, str], str]

COLUMN_TITLES: dict[str, dict[str, str]] = {
    "zh": {
        "number": "编号",
        "road": "道路",
        "place": "地点",
        "category": "类别",
        "category_name": "类别名称",
        "gb": "国标代码",
        "department": "部门",
        "department_name": "部门名称",
        "state": "状态",
        "reporter_id": "报告人ID",
        "reporter_name": "报告人",
        "text": "内容",
        "created_at": "报告时间",
        "dispatched_at": "派遣时间",
        "acknowledged_at": "签收时间",
        "resolved_at": "处置时间",
        "closed_at": "结案时间",
        "close_reason": "结案方式",
        "ack_due": "签收时限",
        "resolve_due": "处置时限",
        "ack_on_time": "按期签收",
        "resolved_on_time": "按期处置",
        "rework_count": "返工次数",
        "transfer_count": "转派次数",
        "extension_count": "延期次数",
        "duplicate_of": "重复于",
        "photos_before": "处置前照片",
        "photos_after": "处置后照片",
        "events": "事件数",
    },
    "en": {
        "number": "No.",
        "road": "Road",
        "place": "Place",
        "category": "Category",
        "category_name": "Category name",
        "gb": "GB code",
        "department": "Department",
        "department_name": "Department name",
        "state": "State",
        "reporter_id": "Reporter ID",
        "reporter_name": "Reporter",
        "text": "Report",
        "created_at": "Reported",
        "dispatched_at": "Dispatched",
        "acknowledged_at": "Acknowledged",
        "resolved_at": "Resolved",
        "closed_at": "Closed",
        "close_reason": "Closed by",
        "ack_due": "Ack due",
        "resolve_due": "Resolve due",
        "ack_on_time": "Acknowledged on time",
        "resolved_on_time": "Resolved on time",
        "rework_count": "Reworks",
        "transfer_count": "Transfers",
        "extension_count": "Extensions",
        "duplicate_of": "Duplicate of",
        "photos_before": "Photos before",
        "photos_after": "Photos after",
        "events": "Events",
    },
}

# Sheet 2, one column per figure of lifecycle.md, in the order the street office reads them.
FIGURE_COLUMNS: tuple[str, ...] = (
    "department",
    "tickets",
    "closure_rate",
    "on_time_closure_rate",
    "on_time_ack_rate",
    "rework_rate",
    "accurate_dispatch_rate",
    "mean_time_to_ack",
    "mean_time_to_resolve",
    "overdue_now",
)
FIGURE_TITLES: dict[str, dict[str, str]] = {
    "zh": {
        "department": "部门",
        "tickets": "受理量",
        "closure_rate": "结案率",
        "on_time_closure_rate": "按期结案率",
        "on_time_ack_rate": "按期签收率",
        "rework_rate": "返工率",
        "accurate_dispatch_rate": "准确派遣率",
        "mean_time_to_ack": "平均签收时长（小时）",
        "mean_time_to_resolve": "平均处置时长（小时）",
        "overdue_now": "超期待处置",
    },
    "en": {
        "department": "Department",
        "tickets": "Tickets",
        "closure_rate": "Closure rate",
        "on_time_closure_rate": "On-time closure rate",
        "on_time_ack_rate": "On-time ack rate",
        "rework_rate": "Rework rate",
        "accurate_dispatch_rate": "Accurate dispatch rate",
        "mean_time_to_ack": "Mean time to ack (h)",
        "mean_time_to_resolve": "Mean time to resolve (h)",
        "overdue_now": "Overdue now",
    },
}
SHEET_TITLES: dict[str, tuple[str, str]] = {"zh": ("台账", "部门考核"), "en": ("Ledger", "Figures")}
BOOLEAN_WORDS: dict[str, tuple[str, str]] = {"zh": ("是", "否"), "en": ("yes", "no")}

RATE_COLUMNS = frozenset(
    {
        "closure_rate",
        "on_time_closure_rate",
        "on_time_ack_rate",
        "rework_rate",
        "accurate_dispatch_rate",
    }
)
HOURS_COLUMNS = frozenset({"mean_time_to_ack", "mean_time_to_resolve"})

# Columns typed by people in the chat (or named after a chat); only these are defused for
# spreadsheets, so that ids and times stay byte-exact for scripts.
FREE_TEXT_COLUMNS = frozenset({"road", "place", "reporter_name", "text"})
# A cell starting with one of these is run as a formula by Excel, WPS and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH, DATETIME_WIDTH = 6, 50, 17


# --- CSV and JSON Lines --------------------------------------------------------------------------


def write_csv(rows: Sequence[Mapping[str, object]], out: TextIO) -> None:
    """Header = COLUMNS, then one line per row. The caller opens `out` (newline="" and, for a
    file Excel will open, encoding "utf-8-sig" so that Chinese is read as UTF-8)."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(key, row.get(key)) for key in COLUMNS])


def _csv_value(key: str, value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return "yes" if value else "no"
    if isinstance(value, str) and key in FREE_TEXT_COLUMNS and value.startswith(FORMULA_STARTS):
        # The leading apostrophe is the spreadsheet convention for "this is text"; Excel hides it.
        return "'" + value
    return value


def write_jsonl(rows: Sequence[Mapping[str, object]], out: TextIO) -> None:
    """One JSON object per line, keys in COLUMNS order; for scripts, so nothing is defused."""
    for row in rows:
        record = {key: row.get(key) for key in COLUMNS}
        # default=str: a writer must not fail on a value the row builder did not expect.
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


# --- XLSX --------------------------------------------------------------------------------------


def write_xlsx(
    rows: Sequence[Mapping[str, object]],
    per_department: Mapping[str, Figures],
    path: Path,
    *,
    taxonomy: Taxonomy,
    period_label: str,
    words: Words,
    language: str = "zh",
    photos: Sequence[LedgerPhoto] | None = None,
) -> None:
    """The ledger on sheet 1 and the department figures, ranked, on sheet 2; states and ways of
    closing in `words` (the catalogue of `language`). With `photos`, the ledger's photo columns
    show each photo's link (or why there is none) instead of its Telegram file id, and sheet 3
    lists every photo, clickable."""
    if language not in COLUMN_TITLES:
        raise ValueError(f"unknown language {language!r} (known: {', '.join(COLUMN_TITLES)})")
    workbook = Workbook()
    ledger_sheet = workbook.active
    assert ledger_sheet is not None  # a new Workbook always has one sheet
    ledger_title, figures_title = SHEET_TITLES[language]
    ledger_sheet.title = ledger_title
    if photos is not None:
        rows = with_photo_links(rows, photos, language)
    _fill_ledger(ledger_sheet, rows, language, words)
    _fill_figures(
        workbook.create_sheet(figures_title), per_department, taxonomy, period_label, language
    )
    if photos is not None:
        fill_photo_sheet(workbook.create_sheet(PHOTO_SHEET_TITLES[language]), photos, language)
        link_first_photos(ledger_sheet, photos)
    workbook.save(path)


# Columns whose values are keys (for scripts, in CSV and JSON Lines) and words in the office's
# spreadsheet: the catalogue's "<column>.<key>".
WORDED_COLUMNS: tuple[str, ...] = ("state", "close_reason")


def _fill_ledger(
    sheet: Worksheet, rows: Sequence[Mapping[str, object]], language: str, words: Words
) -> None:
    titles = COLUMN_TITLES[language]
    yes, no = BOOLEAN_WORDS[language]
    rows = [
        {
            **row,
            **{
                key: words(f"{key}.{row[key]}", str(row[key]))
                for key in WORDED_COLUMNS
                if row.get(key)
            },
        }
        for row in rows
    ]
    sheet.append([titles[key] for key in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_index, row in enumerate(rows, start=2):
        for column_index, key in enumerate(COLUMNS, start=1):
            value = row.get(key)
            if value is None:
                continue  # an empty cell, not "None"
            cell = sheet.cell(row=row_index, column=column_index)
            if isinstance(value, bool):
                cell.value = yes if value else no
            elif key in TIME_COLUMNS and (moment := _excel_datetime(value)) is not None:
                cell.value = moment
                cell.number_format = DATETIME_FORMAT
            else:
                _put(cell, value)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    widths = {
        key: DATETIME_WIDTH
        if key in TIME_COLUMNS
        else _width([titles[key], *(_shown(row.get(key), key, yes, no) for row in rows)])
        for key in COLUMNS
    }
    for column_index, key in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = widths[key]


def _fill_figures(
    sheet: Worksheet,
    per_department: Mapping[str, Figures],
    taxonomy: Taxonomy,
    period_label: str,
    language: str,
) -> None:
    titles = FIGURE_TITLES[language]
    sheet.append([_clean(period_label)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(FIGURE_COLUMNS))
    sheet.append([titles[key] for key in FIGURE_COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    names: list[str] = []
    for row_index, (key, f) in enumerate(ranking(dict(per_department)), start=3):
        name = _department_name(taxonomy, key, language)
        names.append(name)
        values: dict[str, object] = {
            "department": name,
            "tickets": f.tickets,
            "closure_rate": f.closure_rate,
            "on_time_closure_rate": f.on_time_closure_rate,
            "on_time_ack_rate": f.on_time_ack_rate,
            "rework_rate": f.rework_rate,
            "accurate_dispatch_rate": f.accurate_dispatch_rate,
            "mean_time_to_ack": _hours(f.mean_time_to_ack),
            "mean_time_to_resolve": _hours(f.mean_time_to_resolve),
            "overdue_now": f.overdue_now,
        }
        for column_index, column in enumerate(FIGURE_COLUMNS, start=1):
            value = values[column]
            if value is None:
                continue  # no tickets to measure: empty, never a misleading 0 %
            cell = sheet.cell(row=row_index, column=column_index)
            _put(cell, value)
            if column in RATE_COLUMNS:
                cell.number_format = "0.0%"
            elif column in HOURS_COLUMNS:
                cell.number_format = "0.0"
    sheet.freeze_panes = "A3"
    sheet.column_dimensions["A"].width = _width([titles["department"], *names])
    for column_index in range(2, len(FIGURE_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(column_index)].width = 14


def _department_name(taxonomy: Taxonomy, key: str, language: str) -> str:
    department = taxonomy.departments.get(key)
    if department is None:
        return key  # a department no longer configured: its key is all we know
    if language == "en" and department.name_en:
        return department.name_en
    return department.name or key


def _hours(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds() / 3600, 1)


def _excel_datetime(value: object) -> datetime | None:
    """Excel has no time zones: the row's ISO time is already in the street's zone, so its wall
    clock reading is what the office expects to see. None when it is not a time after all."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=None)


def _put(cell: Cell, value: object) -> None:
    """A value into a cell; text always as text, so a report starting with "=" is never run."""
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    elif isinstance(value, int | float):
        cell.value = value
    else:
        cell.value = _clean(str(value))
        cell.data_type = "s"


def _clean(text: str) -> str:
    # Control characters are not allowed in XLSX and make openpyxl raise; chat text may have them.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _shown(value: object, key: str, yes: str, no: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    return str(value)


def _width(texts: Sequence[str]) -> float:
    """A column width that fits the longest text, Chinese characters counting double."""
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in t) for t in texts), default=0)
    return float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))


# The scope of a ledger of every road, in the file's language.
ALL_ROADS: dict[str, str] = {"zh": "全部道路", "en": "all roads"}


def ledger_file_name(scope: str, first: date, last: date, suffix: str) -> str:
    """A name that says whose ledger and which days, so that successive exports sit side by side
    in a folder and one road's never takes another's place."""
    # Chinese letters are kept (a street office reads them); what a file system or a mail
    # attachment would choke on becomes "_".
    safe = "".join(ch if ch.isalnum() or ch in "-_·" else "_" for ch in scope).strip("_")
    return f"streetdesk-ledger-{safe or 'roads'}-{first.isoformat()}_{last.isoformat()}.{suffix}"
