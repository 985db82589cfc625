"""The assessment in chat and on disk: /stats and /rank in a group, /export for a chief in
private (an XLSX opened back with openpyxl), and `streetdesk export` as CSV, JSONL and XLSX."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from bot.system_clock import SystemClock
from tests.conftest import SHANGHAI
from tests.e2e.conftest import CHAT, CHIEF, LIGHTING, NEIGHBOUR, SHOPKEEPER, Stage
from tests.e2e.test_group_loop import WAIT, card_for, ledger


async def a_closed_and_an_open_ticket(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_message(CHAT, LIGHTING, "修好了", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "是否修好" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_message(CHAT, SHOPKEEPER, "好了谢谢", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: "结案" in m.body and "#1" in m.body, chat_id=CHAT, timeout=WAIT
    )
    await emu.post_message(CHAT, NEIGHBOUR, "超市后门堆了很多纸箱和垃圾")
    await card_for(emu, 2)


def days_shown(message: str) -> tuple[date, date]:
    """The first and last day a figure or a file says it covers ("2026-11-01 至 2026-11-18")."""
    first, last = re.findall(r"\d{4}-\d{2}-\d{2}", message)[:2]
    return date.fromisoformat(first), date.fromisoformat(last)


def reported_between(stage: Stage, first: date, last: date) -> list[int]:
    """The ledger's tickets reported on those days, Shanghai time: what a figure or an export of
    those days must count, whichever side of midnight the test ran on."""
    return [
        ticket["number"]
        for ticket in ledger(stage)
        if first <= datetime.fromisoformat(ticket["created_at"]).astimezone(SHANGHAI).date() <= last
    ]


def this_monday() -> date:
    today = SystemClock().now().astimezone(SHANGHAI).date()
    return today - timedelta(days=today.weekday())


async def test_stats_and_rank_in_the_group(stage: Stage) -> None:
    emu = stage.emulator
    week = this_monday()
    await a_closed_and_an_open_ticket(stage)
    await emu.post_command(CHAT, CHIEF, "stats", "today")
    stats = await emu.wait_for_message(lambda m: "今日考核" in m.body, chat_id=CHAT, timeout=WAIT)
    first, last = days_shown(stats.body)
    assert first == last  # today
    # Both tickets, unless Shanghai's midnight fell between them and the question.
    assert f"受理 {len(reported_between(stage, first, last))}" in stats.body
    await emu.post_command(CHAT, CHIEF, "rank")  # this week's
    rank = await emu.wait_for_message(lambda m: "部门排名" in m.body, chat_id=CHAT, timeout=WAIT)
    if this_monday() == week:  # not when a new week began since the tickets were made
        assert "路灯管理所" in rank.body and "环卫所" in rank.body
    assert "市政设施养护中心" not in rank.body  # a department with nothing in the ledger
    await emu.post_command(CHAT, CHIEF, "stats", "yesterday")
    await emu.wait_for_message(lambda m: "用法：/stats" in m.body, chat_id=CHAT, timeout=WAIT)


async def test_a_chief_gets_the_ledger_as_a_file_in_private(stage: Stage, tmp_path: Path) -> None:
    emu = stage.emulator
    await a_closed_and_an_open_ticket(stage)
    await emu.post_private_message(SHOPKEEPER, "/export")
    refused = await emu.wait_for_message(
        lambda m: "只供街长" in m.body, chat_id=SHOPKEEPER, timeout=WAIT
    )
    assert refused.document is None
    await emu.post_private_message(CHIEF, "/export month")
    sent = await emu.wait_for_message(lambda m: m.document is not None, chat_id=CHIEF, timeout=WAIT)
    assert sent.document["file_name"].endswith(".xlsx")
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(emu.file_bytes(sent.document["file_id"]))
    workbook = openpyxl.load_workbook(path)
    rows, ranked = workbook.worksheets[0], workbook.worksheets[1]
    numbers = [row[0] for row in rows.iter_rows(values_only=True) if isinstance(row[0], int)]
    # This month's tickets: both, unless a new month began between them and the question.
    first, last = days_shown(sent.document["file_name"])
    assert first.day == 1 and last.month == first.month
    assert numbers == reported_between(stage, first, last)
    assert any(
        "环卫所" in str(cell) for row in ranked.iter_rows(values_only=True) for cell in row if cell
    )
    await emu.post_private_message(CHIEF, "/stats")
    await emu.wait_for_message(lambda m: "本周考核" in m.body, chat_id=CHIEF, timeout=WAIT)


def export(stage: Stage, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "export", "--config", str(stage.config), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
async def test_the_export_command_writes_csv_jsonl_and_xlsx(stage: Stage, tmp_path: Path) -> None:
    await a_closed_and_an_open_ticket(stage)
    as_csv = export(stage, "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["number"], r["state"], r["category"]) for r in rows] == [
        ("1", "closed", "streetlight"),
        ("2", "dispatched", "garbage"),
    ]
    as_jsonl = export(stage, "--format", "jsonl", "--road", "胜利路")
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert records[0]["department"] == "lighting" and records[0]["closed_at"].endswith("+08:00")
    target = tmp_path / "out.xlsx"
    as_xlsx = export(stage, "--format", "xlsx", "--output", str(target))
    assert as_xlsx.returncode == 0, as_xlsx.stderr
    assert "2 tickets" in as_xlsx.stderr
    assert openpyxl.load_workbook(target).worksheets[0].max_row >= 3
    backwards = export(stage, "--from", "2026-12-01", "--to", "2026-11-01")
    assert backwards.returncode != 0 and "before" in backwards.stderr
