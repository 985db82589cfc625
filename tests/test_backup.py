"""`streetdesk backup` while the bot has the database open, and the backup restored as the README
says: put back in place of the database, then the ledger read from it."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import make_url

from bot.cli import main
from bot.database import open_database
from bot.services import office_for
from bot.settings import load_settings
from tests.clerk import Clerk
from tests.conftest import EXAMPLE_CONFIG, PG_URL, local
from tickets.clock import FakeClock
from tickets.permissions import Actor

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")
SHOPKEEPER = Actor(42, "王老板")


def streetdesk(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def office_folder(folder: Path, database_url: str | None = None) -> Path:
    """A config in `folder` whose database is `folder`/streetdesk.sqlite3 (or `database_url`)."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "streetdesk.toml"
    text = EXAMPLE
    if database_url is not None:
        text = text.replace(
            'url = "sqlite+aiosqlite:///streetdesk.sqlite3"', f'url = "{database_url}"'
        )
    config.write_text(text, "utf-8")
    return config


def ledger_numbers(config: Path) -> list[int]:
    result = streetdesk("tickets", "--config", str(config), "--json")
    assert result.exit_code == 0, result.output
    return [json.loads(line)["number"] for line in result.output.splitlines()]


async def test_a_backup_taken_while_the_bot_writes_restores_the_committed_ledger(
    tmp_path: Path,
) -> None:
    config = office_folder(tmp_path / "office")
    settings = load_settings(config)
    clock = FakeClock(local("2026-11-18 10:00"))
    database = await open_database(settings.database_url(), clock)
    clerk = Clerk(database, office_for(settings, settings.taxonomy(), settings.calendar(), clock))
    for text in ("路灯不亮", "垃圾没清"):
        category = "streetlight" if "路灯" in text else "garbage"
        await clerk.report(category=category, text=text, location="胜利路8号", reporter=SHOPKEEPER)
    async with database.unit_of_work() as uow:
        await uow.people.remember(42, "王老板", None)
        await uow.commit()
    backup = tmp_path / "backups" / "streetdesk-2026-11-18.sqlite3"
    backup.parent.mkdir()
    try:
        async with database.unit_of_work() as uow:
            # The bot is in the middle of a write: the backup holds only what was committed.
            await uow.people.remember(43, "李师傅", None)
            await uow.session.flush()
            result = await asyncio.to_thread(
                streetdesk, "backup", "--config", str(config), "--output", str(backup)
            )
            await uow.rollback()
    finally:
        await database.close()
    assert result.exit_code == 0, result.output
    assert "2 tickets" in result.output

    # Restore as the README says: the backup file becomes the database file of a config.
    restored = office_folder(tmp_path / "restored")
    shutil.copyfile(backup, restored.parent / "streetdesk.sqlite3")
    assert await asyncio.to_thread(ledger_numbers, restored) == [1, 2]
    restored_database = await open_database(load_settings(restored).database_url(), clock)
    try:
        async with restored_database.unit_of_work() as uow:
            assert await uow.people.names([42, 43]) == {42: ("王老板", None)}  # not the write
    finally:
        await restored_database.close()
    assert not (backup.parent / f"{backup.name}-wal").exists()  # one file, nothing beside it


def test_a_backup_does_not_replace_an_existing_file_without_force(tmp_path: Path) -> None:
    config = office_folder(tmp_path / "office")
    assert ledger_numbers(config) == []  # the database exists, empty
    backup = tmp_path / "backup.sqlite3"
    backup.write_text("yesterday's backup", "utf-8")

    refused = streetdesk("backup", "--config", str(config), "--output", str(backup))
    assert refused.exit_code != 0
    assert "exists already" in refused.output and "--force" in refused.output
    assert backup.read_text("utf-8") == "yesterday's backup"

    forced = streetdesk("backup", "--config", str(config), "--output", str(backup), "--force")
    assert forced.exit_code == 0, forced.output
    assert backup.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_a_backup_of_a_missing_database_says_where_it_looked(tmp_path: Path) -> None:
    config = office_folder(tmp_path / "office")
    result = streetdesk("backup", "--config", str(config), "--output", str(tmp_path / "b"))
    assert result.exit_code != 0
    assert "no SQLite database at" in result.output and "streetdesk.sqlite3" in result.output
    assert not (tmp_path / "b").exists()


@pytest.mark.postgres
def test_a_postgres_backup_restores_with_pg_restore(tmp_path: Path) -> None:
    if not PG_URL or shutil.which("pg_restore") is None:
        pytest.skip("STREETDESK_TEST_PG_URL is not set or pg_restore is missing")
    config = office_folder(tmp_path / "office", PG_URL)
    before = ledger_numbers(config)  # migrates the schema; the ledger is whatever the db holds
    backup = tmp_path / "streetdesk.dump"
    result = streetdesk("backup", "--config", str(config), "--output", str(backup))
    assert result.exit_code == 0, result.output
    # Restore into a fresh database, as the README says, and read the ledger from it.
    url = make_url(PG_URL)
    fresh = f"{url.database}_restored"
    plain = url.set(drivername="postgresql")
    admin = plain.render_as_string(hide_password=False)
    environment = {**os.environ}
    for statement in (f"DROP DATABASE IF EXISTS {fresh}", f"CREATE DATABASE {fresh}"):
        subprocess.run(["psql", admin, "-c", statement], check=True, env=environment)
    target = plain.set(database=fresh).render_as_string(hide_password=False)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(backup)], check=True)
    restored = office_folder(
        tmp_path / "restored", str(url.set(database=fresh).render_as_string(hide_password=False))
    )
    assert ledger_numbers(restored) == before
