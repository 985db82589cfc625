"""Arbitrary group messages never break the desk: huge, empty, any Unicode plane, HTML and
Markdown, from anyone, replying to anything. Hypothesis drives a real SQLite file."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.database import Database, open_database
from bot.settings import load_settings
from tests.conftest import EXAMPLE_CONFIG, local
from tickets.clock import FakeClock
from tickets.desk import Desk, GroupMessage, OutcomeKind, Sender
from tickets.model import Photo
from tickets.service import TicketService
from tickets.understanding import Understanding

CHAT = -1001000000001
PEOPLE = [42, 43, 5001, 5003, 9001, 777]  # shopkeepers, liaisons, the chief, a stranger


class World:
    def __init__(self, loop: asyncio.AbstractEventLoop, database: Database, desk: Desk) -> None:
        self.loop, self.database, self.desk = loop, database, desk
        self.next_id = 1


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    loop = asyncio.new_event_loop()
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3"
    settings_ = load_settings(EXAMPLE_CONFIG)
    taxonomy = settings_.taxonomy()
    clock = FakeClock(local("2026-11-18 10:00"))
    database = loop.run_until_complete(open_database(f"sqlite+aiosqlite:///{path}", clock))
    service = TicketService(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=settings_.calendar(),
        clock=clock,
    )
    desk = Desk(
        unit_of_work=database.unit_of_work,
        service=service,
        understanding=Understanding(taxonomy.categories.values()),
        taxonomy=taxonomy,
        clock=clock,
    )
    yield World(loop, database, desk)
    loop.run_until_complete(database.close())
    loop.close()


texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\u0000",
            "<b>&",
            "*_`[x](y)",
            "收到",
            "已修好",
            "还是不亮",
            "好了谢谢",
            "路灯坏了",
            "\U0001f600" * 50,
            "\u202e\u200b",
        ]
    ),
    st.builds(
        lambda a, b: a + b, st.sampled_from(["路灯坏了", "收到", "/report "]), st.text(max_size=50)
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    who=st.sampled_from(PEOPLE),
    reply_to=st.one_of(st.none(), st.integers(min_value=-5, max_value=2**40)),
    photo=st.booleans(),
    explicit=st.booleans(),
    forwarded=st.booleans(),
    redeliver=st.booleans(),
)
def test_no_message_breaks_the_desk(
    world: World,
    text: str,
    who: int,
    reply_to: int | None,
    photo: bool,
    explicit: bool,
    forwarded: bool,
    redeliver: bool,
) -> None:
    road = load_settings(EXAMPLE_CONFIG).taxonomy().road("胜利路")
    world.next_id += 1
    update_id = world.next_id - 1 if redeliver else world.next_id
    message = GroupMessage(
        CHAT,
        world.next_id,
        Sender(who, text[:30] or "x"),
        text,
        (Photo(f"p{world.next_id}"),) if photo else (),
        reply_to=reply_to,
        update_id=update_id,
        explicit_report=explicit,
        forwarded=forwarded,
    )
    outcome = world.loop.run_until_complete(world.desk.handle(message, road))
    assert isinstance(outcome.kind, OutcomeKind)
    edited = world.loop.run_until_complete(world.desk.edit(message, road))
    assert isinstance(edited.kind, OutcomeKind)
