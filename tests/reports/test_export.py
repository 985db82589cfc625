"""The ledger written as CSV, JSON Lines and XLSX, each read back with an ordinary reader."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from bot.texts import Texts
from reports.export import (
    COLUMN_TITLES,
    FIGURE_TITLES,
    ledger_file_name,
    write_csv,
    write_jsonl,
    write_xlsx,
)
from tests.conftest import SHANGHAI, local
from tickets.calendar import Calendar
from tickets.figures import Figures, by, figures
from tickets.ledger import COLUMNS, ledger_rows
from tickets.lifecycle import State
from tickets.model import CloseReason, Photo, PhotoKind, Ticket
from tickets.routing import deadlines_for
from tickets.taxonomy import Taxonomy

START, END = local("2026-11-16 00:00"), local("2026-11-23 00:00")
LIAISON, REPORTER = 5003, 42


def report(
    taxonomy: Taxonomy, calendar: Calendar, number: int, at: str, category: str, text: str
) -> Ticket:
    moment = local(at)
    return Ticket.report(
        number=number,
        road="胜利路",
        category=category,
        department=taxonomy.category(category).department,
        text=text,
        location="胜利路12号" if number == 1 else None,
        reporter_id=REPORTER,
        reporter_name="王阿姨",
        at=moment,
        deadlines=deadlines_for(taxonomy, calendar, category, moment),
        photos=(Photo("p-before"),),
    )


@pytest.fixture
def tickets(taxonomy: Taxonomy, calendar: Calendar) -> list[Ticket]:
    # 1 (sanitation): acknowledged and resolved on time, confirmed.
    one = report(taxonomy, calendar, 1, "2026-11-16 10:00", "garbage", "垃圾桶满了，没人清")
    one.acknowledge(by=LIAISON, at=local("2026-11-16 10:30"))
    one.resolve(
        by=LIAISON,
        at=local("2026-11-16 13:00"),
        verify_due=local("2026-11-17 13:00"),
        photos=(Photo("p-after", PhotoKind.AFTER),),
    )
    one.confirm(by=REPORTER, at=local("2026-11-16 14:00"))
    # 2 (lighting, ack 2 working hours): acknowledged late, never resolved.
    two = report(taxonomy, calendar, 2, "2026-11-16 10:00", "streetlight", "=1+2 路灯不亮")
    two.acknowledge(by=5001, at=local("2026-11-17 10:00"))
    return [one, two]


@pytest.fixture
def rows(tickets: list[Ticket], taxonomy: Taxonomy) -> list[dict[str, object]]:
    return ledger_rows(tickets, taxonomy=taxonomy, zone=SHANGHAI)


@pytest.fixture
def per_department(tickets, taxonomy, calendar) -> dict[str, Figures]:
    return {
        key: figures(group, start=START, end=END, taxonomy=taxonomy, calendar=calendar)
        for key, group in by(tickets, lambda t: t.department).items()
    }


# --- CSV and JSON Lines --------------------------------------------------------------------------


def test_csv_round_trip(rows) -> None:
    out = io.StringIO(newline="")
    write_csv(rows, out)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(read[0]) == COLUMNS
    assert len(read) == 3
    first = dict(zip(COLUMNS, read[1], strict=True))
    assert first["text"] == "垃圾桶满了，没人清"  # Chinese and its comma intact
    assert first["category_name"] == "暴露垃圾/垃圾未清运/渣土"
    assert first["number"] == "1"
    assert first["created_at"] == "2026-11-16T10:00:00+08:00"
    assert (first["ack_on_time"], first["resolved_on_time"]) == ("yes", "yes")
    assert first["duplicate_of"] == ""  # None is an empty field
    second = dict(zip(COLUMNS, read[2], strict=True))
    assert (second["ack_on_time"], second["resolved_on_time"]) == ("no", "")
    assert second["place"] == ""


def test_csv_defuses_a_formula_in_reporters_text(rows) -> None:
    out = io.StringIO(newline="")
    write_csv(rows, out)
    second = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[2]
    assert second[COLUMNS.index("text")] == "'=1+2 路灯不亮"


def test_jsonl_round_trip(rows) -> None:
    out = io.StringIO()
    write_jsonl(rows, out)
    text = out.getvalue()
    assert "垃圾桶满了" in text  # ensure_ascii=False: readable, not \\u escapes
    lines = text.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert tuple(first) == COLUMNS
    assert first["ack_on_time"] is True and second["ack_on_time"] is False
    assert second["resolved_on_time"] is None and second["resolved_at"] is None
    assert first["number"] == 1 and first["events"] == 4
    assert second["text"] == "=1+2 路灯不亮"  # for scripts: as reported
    assert first == rows[0]


# --- XLSX --------------------------------------------------------------------------------------


def write_and_open(tmp_path: Path, rows, per_department, taxonomy, language: str = "zh"):
    path = tmp_path / "ledger.xlsx"
    write_xlsx(
        rows,
        per_department,
        path,
        taxonomy=taxonomy,
        period_label="2026年11月16日至22日 胜利路",
        words=Texts(language).get,
        language=language,
    )
    return openpyxl.load_workbook(path)


def test_xlsx_ledger_sheet(tmp_path, rows, per_department, taxonomy) -> None:
    book = write_and_open(tmp_path, rows, per_department, taxonomy)
    assert book.sheetnames == ["台账", "部门考核"]
    sheet = book["台账"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["编号", "道路", "地点", "类别"]
    assert header == [COLUMN_TITLES["zh"][key] for key in COLUMNS]
    assert sheet.freeze_panes == "A2"
    values = {key: cell.value for key, cell in zip(COLUMNS, sheet[2], strict=True)}
    assert values["number"] == 1  # a number, not text
    assert values["text"] == "垃圾桶满了，没人清"
    assert values["department_name"] == "环卫所"
    created = values["created_at"]
    assert isinstance(created, datetime)
    assert created == datetime(2026, 11, 16, 10, 0)  # local wall time, no zone
    assert values["ack_due"] == datetime(2026, 11, 16, 11, 0)
    assert (values["ack_on_time"], values["resolved_on_time"]) == ("是", "是")
    assert values["duplicate_of"] is None  # an empty cell
    assert values["photos_after"] == "p-after"
    second = dict(zip(COLUMNS, sheet[3], strict=True))
    assert second["ack_on_time"].value == "否"
    # The office reads words, not the keys scripts get in CSV and JSON Lines.
    assert (values["state"], values["close_reason"]) == ("已结案", "报告人确认")
    assert (second["state"].value, second["close_reason"].value) == ("已签收", None)
    assert second["resolved_at"].value is None
    # a formula typed into the chat stays text in the cell
    assert second["text"].value == "=1+2 路灯不亮" and second["text"].data_type == "s"
    text_width = sheet.column_dimensions["L"].width
    assert sheet.column_dimensions["A"].width < text_width <= 50


def test_xlsx_figures_sheet(tmp_path, rows, per_department, taxonomy) -> None:
    book = write_and_open(tmp_path, rows, per_department, taxonomy)
    sheet = book["部门考核"]
    assert sheet["A1"].value == "2026年11月16日至22日 胜利路"
    titles = FIGURE_TITLES["zh"]
    assert [cell.value for cell in sheet[2]] == list(titles.values())
    assert titles["on_time_closure_rate"] == "按期结案率"
    # sanitation closed on time, lighting did not: sanitation ranks first
    assert [sheet.cell(row=r, column=1).value for r in (3, 4)] == ["环卫所", "路灯管理所"]
    sanitation = dict(zip(titles.values(), sheet[3], strict=True))
    assert sanitation["受理量"].value == 1
    assert sanitation["按期签收率"].value == pytest.approx(1.0)
    assert sanitation["按期签收率"].number_format == "0.0%"
    assert sanitation["平均签收时长（小时）"].value == pytest.approx(0.5)
    assert sanitation["平均处置时长（小时）"].value == pytest.approx(3.0)
    lighting = dict(zip(titles.values(), sheet[4], strict=True))
    assert lighting["按期签收率"].value == pytest.approx(0.0)
    assert lighting["按期签收率"].number_format == "0.0%"
    assert lighting["返工率"].value is None  # nothing resolved: no rate, not 0 %
    assert lighting["平均处置时长（小时）"].value is None
    # Mon 10:00 to Tue 10:00 on the working clock: 8 + 1 = 9 working hours
    assert lighting["平均签收时长（小时）"].value == pytest.approx(9.0)


def test_xlsx_in_english(tmp_path, rows, per_department, taxonomy) -> None:
    book = write_and_open(tmp_path, rows, per_department, taxonomy, language="en")
    assert book.sheetnames == ["Ledger", "Figures"]
    ledger = book["Ledger"]
    assert ledger["A1"].value == "No."
    assert ledger.cell(row=2, column=COLUMNS.index("ack_on_time") + 1).value == "yes"
    assert ledger.cell(row=2, column=COLUMNS.index("state") + 1).value == "closed"
    assert ledger.cell(row=2, column=COLUMNS.index("close_reason") + 1).value == (
        "confirmed by the reporter"
    )
    assert book["Figures"]["A3"].value == "Sanitation office"


def test_xlsx_with_odd_data_and_unknown_department(tmp_path, taxonomy) -> None:
    odd = Ticket(
        number=9,
        road="解放路",
        category="fireworks",
        department="festival_office",
        text="控制字符\x07在这里",
        location=None,
        reporter_id=None,
        reporter_name="",
        created_at=local("2026-11-19 08:00"),
        ack_due=local("2026-11-19 10:00"),
        resolve_due=local("2026-11-20 10:00"),
    )
    rows = ledger_rows([odd], taxonomy=taxonomy, zone=SHANGHAI)
    book = write_and_open(tmp_path, rows, {"festival_office": Figures()}, taxonomy)
    values = {key: cell.value for key, cell in zip(COLUMNS, book["台账"][2], strict=True)}
    assert values["category_name"] == "fireworks"
    assert values["text"] == "控制字符在这里"
    assert values["acknowledged_at"] is None
    assert book["部门考核"]["A3"].value == "festival_office"
    assert book["部门考核"]["C3"].value is None  # an empty period has no closure rate


def test_xlsx_refuses_an_unknown_language(tmp_path, rows, taxonomy) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        write_xlsx(
            rows,
            {},
            tmp_path / "x.xlsx",
            taxonomy=taxonomy,
            period_label="",
            words=Texts("zh").get,
            language="fr",
        )


def test_a_state_the_catalogue_does_not_know_is_shown_as_it_is(tmp_path, rows, taxonomy) -> None:
    # A ledger read from an older or newer version's database still exports, nothing lost.
    odd = [{**rows[0], "state": "frozen", "close_reason": "mayor"}]
    book = write_and_open(tmp_path, odd, {}, taxonomy)
    values = {key: cell.value for key, cell in zip(COLUMNS, book["台账"][2], strict=True)}
    assert (values["state"], values["close_reason"]) == ("frozen", "mayor")


def test_every_state_and_way_of_closing_has_words_in_both_languages() -> None:
    for language in ("zh", "en"):
        texts = Texts(language)
        for value in [*State, *CloseReason]:
            prefix = "state" if isinstance(value, State) else "close_reason"
            assert texts(f"{prefix}.{value}").strip()  # a missing key raises KeyError


def test_both_languages_title_every_column() -> None:
    for language in ("zh", "en"):
        assert tuple(COLUMN_TITLES[language]) == COLUMNS


def test_ledger_file_names_carry_the_road_and_the_period() -> None:
    november = date(2026, 11, 1), date(2026, 11, 30)
    assert (
        ledger_file_name("胜利路", *november, "xlsx")
        == "streetdesk-ledger-胜利路-2026-11-01_2026-11-30.xlsx"
    )
    # Two roads never share a name; what a file system would refuse becomes "_".
    assert ledger_file_name("人民路", *november, "csv") != ledger_file_name(
        "胜利路", *november, "csv"
    )
    assert ledger_file_name("a/b: c", *november, "csv") == (
        "streetdesk-ledger-a_b__c-2026-11-01_2026-11-30.csv"
    )
