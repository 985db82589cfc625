"""The webhook stores an update before answering 200; answers 503 when it cannot store it in
time, so Telegram delivers it again; refuses a request without the secret. A real aiohttp server
on loopback, a real database, a SQLite file locked by another connection."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiohttp import web
from sqlalchemy import func, select

from bot.database import Database
from bot.webhook import SECRET_HEADER, STORE_WITHIN_SECONDS, webhook_routes
from storage.engine import create_engine, session_factory
from storage.migrate import upgrade
from storage.models import InboxRow
from tests.emulator.conftest import TOKEN
from tickets.clock import FakeClock

SECRET = "s3cret-from-the-config"
UPDATE: dict[str, Any] = {
    "update_id": 41,
    "message": {
        "message_id": 9,
        "date": 1763431200,
        "chat": {"id": -1001000000001, "type": "supergroup"},
        "from": {"id": 42, "is_bot": False, "first_name": "王老板"},
        "text": "胜利路8号门口路灯不亮",
    },
}


@pytest.fixture
async def database(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Database]:
    """SQLite whose writers give up after 50 ms, so a held lock refuses a write at once."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'streetdesk.sqlite3'}"
    await upgrade(url)
    engine = create_engine(url, sqlite_busy_timeout_ms=50)
    db = Database(engine, session_factory(engine), clock)
    yield db
    await db.close()


class Webhook:
    def __init__(self, url: str) -> None:
        self.url = url
        self.stored = 0

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {} if secret is None else {SECRET_HEADER: secret}
        async with (
            aiohttp.ClientSession() as http,
            http.post(self.url, json=update, headers=headers) as answer,
        ):
            return answer.status


# How long an update may wait for the database before it is answered 503. Short by default, so
# the refusals come quickly; a test that marks `patient` waits as production does.
QUICK_REFUSAL = 0.5


@pytest.fixture
async def webhook(
    database: Database, clock: FakeClock, request: pytest.FixtureRequest
) -> AsyncIterator[Webhook]:
    patient = request.node.get_closest_marker("patient") is not None
    bot = Bot(TOKEN)
    app = web.Application()
    hook = Webhook("")

    def stored() -> None:
        hook.stored += 1

    app.add_routes(
        webhook_routes(
            path="/webhook",
            bot=bot,
            database=database,
            clock=clock,
            secret=SECRET,
            stored=stored,
            store_within=STORE_WITHIN_SECONDS if patient else QUICK_REFUSAL,
        )
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    hook.url = f"http://127.0.0.1:{port}/webhook"
    yield hook
    await runner.cleanup()
    await bot.session.close()


async def stored_updates(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.count(InboxRow.id))) or 0)


async def test_an_update_is_stored_before_it_is_answered_and_a_repeat_is_one_row(
    webhook: Webhook, database: Database
) -> None:
    assert await webhook.post(UPDATE) == 200
    assert await stored_updates(database) == 1
    assert await webhook.post(UPDATE) == 200  # Telegram delivers it again: the same row
    assert await stored_updates(database) == 1
    assert webhook.stored == 2


@pytest.mark.parametrize("secret", [None, "", "a-guess"])
async def test_a_request_without_the_secret_is_refused_and_stored_nowhere(
    webhook: Webhook, database: Database, secret: str | None
) -> None:
    assert await webhook.post(UPDATE, secret=secret) == 401
    assert await stored_updates(database) == 0
    assert webhook.stored == 0


async def test_an_update_that_cannot_be_stored_in_time_is_answered_503_then_taken_again(
    webhook: Webhook, database: Database, tmp_path: Path
) -> None:
    locker = sqlite3.connect(tmp_path / "streetdesk.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # the database is not taking writes
    assert await webhook.post(UPDATE) == 503  # not "received": Telegram keeps it
    locker.execute("COMMIT")
    locker.close()
    assert await stored_updates(database) == 0
    assert await webhook.post(UPDATE) == 200  # delivered again, once the database is back
    assert await stored_updates(database) == 1


def update_number(n: int) -> dict[str, Any]:
    message = {**UPDATE["message"], "message_id": n, "text": f"{n}号门口路灯不亮"}
    return {"update_id": n, "message": message}


@pytest.mark.patient  # forty at once on a busy machine may take longer than a quick refusal
async def test_updates_delivered_at_once_are_each_stored_once_and_answered(
    webhook: Webhook, database: Database
) -> None:
    # Telegram delivers over up to 40 connections: updates arriving together share commits.
    answers = await asyncio.gather(*(webhook.post(update_number(n)) for n in range(1, 41)))
    assert answers == [200] * 40
    assert await stored_updates(database) == 40
    assert webhook.stored == 40


async def test_updates_delivered_at_once_while_the_database_is_away_are_all_refused_then_taken(
    webhook: Webhook, database: Database, tmp_path: Path
) -> None:
    locker = sqlite3.connect(tmp_path / "streetdesk.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    answers = await asyncio.gather(*(webhook.post(update_number(n)) for n in range(1, 11)))
    assert answers == [503] * 10  # none is taken for received
    locker.execute("COMMIT")
    locker.close()
    answers = await asyncio.gather(*(webhook.post(update_number(n)) for n in range(1, 11)))
    assert answers == [200] * 10
    assert await stored_updates(database) == 10


async def test_something_that_is_not_an_update_is_refused(webhook: Webhook) -> None:
    assert await webhook.post({"hello": "world"}) == 400
