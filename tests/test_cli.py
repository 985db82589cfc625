"""The `streetdesk` command as a person or a script runs it: a real process, a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot.database import open_database
from bot.services import office_for
from bot.settings import load_settings
from storage.migrate import head_revision
from tests.clerk import Clerk
from tests.conftest import EXAMPLE_CONFIG, local
from tickets.clock import FakeClock
from tickets.permissions import Actor
from tickets.roles import Role

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def streetdesk(*args: str, stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_check_prints_a_summary_of_a_good_file() -> None:
    result = streetdesk("check", "--config", str(EXAMPLE_CONFIG))
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout
    assert "21 categories" in result.stdout
    assert "manhole" in result.stdout and "always" in result.stdout


def test_check_stops_on_a_bad_file_with_the_key_and_the_reason(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(EXAMPLE.replace('resolve = "6h"', 'resolve = "six hours"'), "utf-8")
    result = streetdesk("check", "--config", str(config))
    assert result.returncode != 0
    assert 'categories[1] (key "manhole").resolve' in result.stderr
    assert "not a duration" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_token_is_never_printed(tmp_path: Path) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE.replace('token = ""', 'token = "123456:do-not-print-me"'), "utf-8")
    result = streetdesk("check", "--config", str(config))
    assert result.returncode == 0
    assert "token set" in result.stdout
    assert "do-not-print-me" not in result.stdout + result.stderr


async def _fill_ledger(config: Path) -> None:
    settings = load_settings(config)
    clock = FakeClock(local("2026-11-18 10:00"))
    database = await open_database(settings.database_url(), clock)
    office = office_for(settings, settings.taxonomy(), settings.calendar(), clock)
    service = Clerk(database, office)
    shopkeeper = Actor(42, "王老板")
    light = await service.report(
        road="胜利路",
        category="streetlight",
        text="路灯不亮",
        location="胜利路8号",
        reporter=shopkeeper,
    )
    await service.report(
        road="胜利路", category="garbage", text="垃圾没清", location=None, reporter=shopkeeper
    )
    clock.set(local("2026-11-18 10:05"))
    await service.acknowledge(
        light.ticket.number, Actor(5001, "小李", Role.LIAISON, frozenset({"lighting"}))
    )
    await database.close()


async def test_tickets_lists_the_ledger_as_json_lines(tmp_path: Path) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE, "utf-8")
    await _fill_ledger(config)

    result = streetdesk("tickets", "--config", str(config), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["number"] for r in records] == [1, 2]
    light = records[0]
    assert {k: light[k] for k in ("road", "category", "department", "state")} == {
        "road": "胜利路",
        "category": "streetlight",
        "department": "lighting",
        "state": "acknowledged",
    }
    assert light["created_at"] == "2026-11-18T10:00:00+08:00"
    assert datetime.fromisoformat(light["acknowledged_at"]) == local("2026-11-18 10:05")
    assert light["resolved_at"] is None and light["closed_at"] is None

    only_dispatched = streetdesk("tickets", "--config", str(config), "--state", "dispatched")
    assert "#2" in only_dispatched.stdout and "#1 " not in only_dispatched.stdout
    assert "暴露垃圾" in only_dispatched.stdout  # the table speaks the configured language


def test_db_upgrade_creates_the_schema_beside_the_config(tmp_path: Path) -> None:
    config = tmp_path / "streetdesk.toml"
    config.write_text(EXAMPLE, "utf-8")
    result = streetdesk("db", "upgrade", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert f"revision {head_revision()}" in result.stdout
    assert (tmp_path / "streetdesk.sqlite3").exists()


def test_parse_answers_each_line_in_order_and_survives_bad_ones() -> None:
    lines = [
        '{"text": "胜利路8号门口路灯不亮", "has_photo": true}',
        '{"text": "收到", "role": "liaison"}',
        "this is not json",
        '{"text": "收到"}',
        '{"role": "public"}',
        '{"text": "还是不亮", "role": "public"}',
    ]
    result = streetdesk("parse", "--config", str(EXAMPLE_CONFIG), stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert out[0] == {"intent": "report", "category": "streetlight", "location": "胜利路8号"}
    assert out[1] == {"intent": "ack", "category": None, "location": None}
    assert "error" in out[2] and "JSON" in out[2]["error"]
    assert out[3] == {"intent": "none", "category": None, "location": None}  # a shopkeeper's 收到
    assert "error" in out[4] and "text" in out[4]["error"]
    assert out[5]["intent"] == "reopen"


def test_parse_without_a_config_uses_the_shipped_taxonomy(tmp_path: Path) -> None:
    result = streetdesk("parse", stdin='{"text": "井盖丢了"}\n', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["category"] == "manhole"
