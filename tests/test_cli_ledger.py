"""`streetdesk tickets` and `streetdesk export` as the office runs them: the command in-process
(click's runner), a real SQLite file beside a copy of the example config."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.database import open_database
from bot.export_command import run_export
from bot.services import office_for
from bot.settings import load_settings
from reports.ledger_roads import UnknownRoad
from tests.clerk import Clerk
from tests.conftest import EXAMPLE_CONFIG, SHANGHAI, local
from tickets.clock import FakeClock
from tickets.lifecycle import Action
from tickets.moves import Move
from tickets.permissions import Actor
from tickets.roles import Role

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
SHOPKEEPER = Actor(42, "王老板")
LIGHTS = Actor(5001, "小李", Role.LIAISON, frozenset({"lighting"}))
CLEANERS = Actor(5003, "小赵", Role.LIAISON, frozenset({"sanitation"}))


async def _fill(config: Path) -> None:
    """Five tickets of 胜利路 on 2026-11-18, one in each kind of state."""
    settings = load_settings(config)
    clock = FakeClock(local("2026-11-18 10:00"))
    database = await open_database(settings.database_url(), clock)
    clerk = Clerk(database, office_for(settings, settings.taxonomy(), settings.calendar(), clock))

    async def report(category: str, text: str, location: str | None) -> int:
        reported = await clerk.report(
            category=category, text=text, location=location, reporter=SHOPKEEPER
        )
        return reported.ticket.number

    light = await report("streetlight", "路灯不亮", "胜利路8号")
    await report("garbage", "垃圾没清", None)
    fixed = await report("streetlight", "路灯闪", "胜利路12号")
    done = await report("streetlight", "路灯又不亮", "胜利路20号")
    withdrawn = await report("garbage", "垃圾桶满了", "胜利路3号")
    clock.set(local("2026-11-18 10:05"))
    await clerk.acknowledge(light, LIGHTS)
    await clerk.resolve(fixed, LIGHTS)
    await clerk.resolve(done, LIGHTS)
    await clerk.confirm(done, SHOPKEEPER)
    await clerk.move(withdrawn, SHOPKEEPER, Move(Action.CANCEL))
    await database.close()


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    """The config file of a ledger filled as above."""
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE, "utf-8")
    asyncio.run(_fill(config))
    return config


def streetdesk(*args: str, cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args))


def numbers(table: str) -> list[str]:
    return [line.split()[0] for line in table.splitlines()[1:]]


# --- streetdesk tickets ----------------------------------------------------------------------


def test_tickets_of_an_unknown_road_is_an_error_naming_the_known_ones(ledger: Path) -> None:
    result = streetdesk("tickets", "--config", str(ledger), "--road", "胜利街")
    assert result.exit_code != 0
    assert "no road named '胜利街'" in result.output
    assert "胜利路" in result.output  # what the office may have meant
    assert "Traceback" not in result.output


def test_tickets_of_a_known_road_lists_them(ledger: Path) -> None:
    result = streetdesk("tickets", "--config", str(ledger), "--road", "胜利路")
    assert result.exit_code == 0, result.output
    assert numbers(result.output) == ["#1", "#2", "#3", "#4", "#5"]


def test_open_tickets_are_those_not_finished(ledger: Path) -> None:
    result = streetdesk("tickets", "--config", str(ledger), "--state", "open")
    assert result.exit_code == 0, result.output
    # acknowledged, dispatched and resolved (waiting for the reporter); not closed or cancelled
    assert numbers(result.output) == ["#1", "#2", "#3"]


def test_one_state_still_lists_that_state_only(ledger: Path) -> None:
    result = streetdesk("tickets", "--config", str(ledger), "--state", "cancelled")
    assert numbers(result.output) == ["#5"]


def test_the_table_speaks_the_configured_language_and_has_the_place(ledger: Path) -> None:
    result = streetdesk("tickets", "--config", str(ledger))
    header, first = result.output.splitlines()[:2]
    assert header.split()[:6] == ["编号", "道路", "地点", "类别", "部门", "状态"]
    assert "胜利路8号" in first and "已签收" in first
    assert "路灯" in first and "acknowledged" not in first

    ledger.write_text(EXAMPLE.replace('language = "zh"', 'language = "en"'), "utf-8")
    english = streetdesk("tickets", "--config", str(ledger)).output
    assert english.splitlines()[0].split()[:3] == ["No.", "Road", "Place"]
    assert "acknowledged" in english.splitlines()[1]


# --- streetdesk export -----------------------------------------------------------------------


def test_an_export_file_is_named_for_the_road_and_the_period(ledger: Path, tmp_path: Path) -> None:
    folder = tmp_path / "filed"
    folder.mkdir()
    result = streetdesk(
        "export", "--config", str(ledger), "--road", "胜利路", "--output", str(folder)
    )
    assert result.exit_code == 0, result.output
    (written,) = folder.iterdir()
    # From the first ticket's day, not from a made-up beginning, to today.
    assert written.name.startswith("streetdesk-ledger-胜利路-2026-11-18_")
    assert "2000-01-01" not in written.name
    assert written.suffix == ".xlsx"


def test_an_export_of_an_unknown_road_is_an_error(ledger: Path, tmp_path: Path) -> None:
    result = streetdesk(
        "export", "--config", str(ledger), "--road", "人民路", "--output", str(tmp_path / "x.xlsx")
    )
    assert result.exit_code != 0
    assert "no road named '人民路'" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_an_existing_file_is_kept_unless_forced(ledger: Path, tmp_path: Path) -> None:
    filed = tmp_path / "november.csv"
    filed.write_text("last month's ledger", "utf-8")
    args = ["export", "--config", str(ledger), "--format", "csv", "--output", str(filed)]

    refused = streetdesk(*args)
    assert refused.exit_code != 0
    assert "exists already" in refused.output and "--force" in refused.output
    assert filed.read_text("utf-8") == "last month's ledger"

    forced = streetdesk(*args, "--force")
    assert forced.exit_code == 0, forced.output
    assert filed.read_text("utf-8-sig").startswith("number,road,place")


def test_a_csv_file_opens_in_excel_with_its_chinese(ledger: Path, tmp_path: Path) -> None:
    target = tmp_path / "ledger.csv"
    result = streetdesk(
        "export", "--config", str(ledger), "--format", "csv", "--output", str(target)
    )
    assert result.exit_code == 0, result.output
    content = target.read_bytes()
    # Excel reads a CSV as the local code page unless it starts with the UTF-8 byte-order mark.
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0]["place"] == "胜利路8号"


def test_csv_on_standard_output_stays_plain_for_scripts(ledger: Path) -> None:
    result = streetdesk("export", "--config", str(ledger), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("number,road,place")


# --- figures as of now -----------------------------------------------------------------------


async def _overdue_in_export(config: Path, at: str, folder: Path) -> int:
    """The figures sheet's 超期待处置 for 胜利路, exported today at `at`."""
    settings = load_settings(config)
    target = folder / f"at-{at.replace(':', '')}.xlsx"
    await run_export(
        settings,
        FakeClock(local(f"2026-11-18 {at}")),
        fmt="xlsx",
        first=date(2026, 11, 18),
        last=date(2026, 11, 18),
        road="胜利路",
        output=target,
    )
    sheet = openpyxl.load_workbook(target)["部门考核"]
    titles = [cell.value for cell in sheet[2]]
    column = titles.index("超期待处置")
    return sum(int(row[column] or 0) for row in sheet.iter_rows(min_row=3, values_only=True))


async def test_an_export_of_today_counts_overdue_as_of_now(tmp_path: Path) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE, "utf-8")
    settings = load_settings(config)
    clock = FakeClock(local("2026-11-18 09:00"))
    database = await open_database(settings.database_url(), clock)
    clerk = Clerk(database, office_for(settings, settings.taxonomy(), settings.calendar(), clock))
    reported = await clerk.report(
        category="garbage", text="垃圾没清", location="胜利路5号", reporter=SHOPKEEPER
    )
    await database.close()
    due = reported.ticket.ack_due.astimezone(SHANGHAI)
    assert due.date() == date(2026, 11, 18)  # due later today: the case the issue names
    before = (due - timedelta(minutes=30)).strftime("%H:%M")
    after = (due + timedelta(minutes=30)).strftime("%H:%M")

    assert await _overdue_in_export(config, before, tmp_path) == 0
    assert await _overdue_in_export(config, after, tmp_path) == 1


async def test_an_export_names_an_unknown_road_before_writing(tmp_path: Path) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE, "utf-8")
    with pytest.raises(UnknownRoad):
        await run_export(
            load_settings(config),
            FakeClock(local("2026-11-18 09:00")),
            fmt="jsonl",
            first=None,
            last=None,
            road="人民路",
            output=tmp_path / "x.jsonl",
        )
    assert not (tmp_path / "x.jsonl").exists()
