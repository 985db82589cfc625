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
from tests.conftest import EXAMPLE_CONFIG, Transactions, local
from tickets.clock import FakeClock
from tickets.model import Photo, Ticket
from tickets.office import Office
from tickets.requests import GroupMessage, OutcomeKind, Person
from tickets.understanding import Understanding

CHAT = -1001000000001
PEOPLE = [42, 43, 5001, 5003, 9001, 777]  # shopkeepers, liaisons, the chief, a stranger


class World:
    def __init__(
        self, loop: asyncio.AbstractEventLoop, database: Database, desk: Transactions
    ) -> None:
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
    office = Office(
        taxonomy=taxonomy,
        calendar=settings_.calendar(),
        clock=clock,
        understanding=Understanding(taxonomy.categories.values()),
    )
    yield World(loop, database, Transactions(database, office))
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
)
def test_no_message_breaks_the_desk(
    world: World,
    text: str,
    who: int,
    reply_to: int | None,
    photo: bool,
    explicit: bool,
    forwarded: bool,
) -> None:
    road = load_settings(EXAMPLE_CONFIG).taxonomy().road("胜利路")
    world.next_id += 1
    message = GroupMessage(
        CHAT,
        world.next_id,
        Person(who, text[:30] or "x"),
        text,
        (Photo(f"p{world.next_id}"),) if photo else (),
        reply_to=reply_to,
        explicit_report=explicit,
        forwarded=forwarded,
    )

    async def tickets() -> list[Ticket]:
        async with world.database.unit_of_work() as uow:
            listed = await uow.tickets.list()
            return [t for t in [await uow.tickets.get(t.number) for t in listed] if t]

    async def read_then_edit() -> tuple[OutcomeKind, OutcomeKind, int, list[Ticket]]:
        before = len(await tickets())
        async with world.desk() as desk:
            outcome = await desk.intake.message(message, road)
        async with world.desk() as desk:
            edited = await desk.intake.edit(message, road)
        return outcome.kind, edited.kind, before, await tickets()

    kind, _, before, after = world.loop.run_until_complete(read_then_edit())
    # A ticket is made exactly when the desk says it made one.
    assert len(after) == before + (kind is OutcomeKind.CREATED)
    for ticket in after:  # and every ticket's history is one the lifecycle allows
        state = None
        for event in ticket.events:
            assert event.from_state == state or event.from_state is None
            state = event.to_state
        assert state is ticket.state
