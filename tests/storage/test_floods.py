"""Floods at the desk: repeats answered once per person and ticket, and members or groups over
their hourly limit kept on the record without a message per report. A real database and clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.database import Database
from bot.services import office_for
from bot.settings import Settings
from bot.settings_floods import FloodSettings
from storage.models import OutboxRow
from tests.conftest import Transactions
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.flood_limits import FloodLimits
from tickets.lifecycle import Note
from tickets.model import Photo
from tickets.office import Office
from tickets.requests import GroupMessage, Outcome, OutcomeKind, Person
from tickets.taxonomy import Road, Taxonomy
from tickets.understanding import Understanding

CHAT = -1001000000001  # 胜利路 in config.example.toml
FLOODER = Person(42, "王老板")
NEIGHBOUR = Person(43, "李老板")
OTHER = Person(44, "赵老板")
CHIEF = Person(9001, "张街长")  # the street chief of 胜利路 in the example config


@pytest.fixture
def road(taxonomy: Taxonomy) -> Road:
    return taxonomy.road("胜利路")


def limited(
    taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, per_person: int, per_group: int
) -> Office:
    return Office(
        taxonomy=taxonomy,
        calendar=calendar,
        clock=clock,
        understanding=Understanding(taxonomy.categories.values()),
        floods=FloodLimits(per_person=per_person, per_group=per_group),
    )


class Group:
    def __init__(self, database: Database, office: Office, road: Road) -> None:
        self.desk, self.road = Transactions(database, office), road
        self.next_message = 100

    async def say(self, who: Person, text: str, photo: str | None = None) -> Outcome:
        self.next_message += 1
        message = GroupMessage(CHAT, self.next_message, who, text, (Photo(photo),) if photo else ())
        async with self.desk() as desk:
            return await desk.intake.message(message, self.road)

    async def report(self, who: Person, number: int) -> Outcome:
        """A report of its own: a streetlight at house `number` (a different place each)."""
        return await self.say(who, f"胜利路{number}号门口路灯不亮")


async def outbox(database: Database) -> list[OutboxRow]:
    async with database.unit_of_work() as uow:
        return list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def answers_to(rows: list[OutboxRow], kind: str, person: Person) -> list[int | None]:
    """The tickets of `kind` notices answering `person`'s reports."""
    return [
        row.ticket_number
        for row in rows
        if row.kind == kind and row.payload.get("reporter_id") == person.user_id
    ]


def flood_notices(rows: list[OutboxRow]) -> list[dict[str, Any]]:
    return [
        row.payload
        for row in rows
        if row.kind == "say" and str(row.payload["key"]).startswith("flood.")
    ]


async def test_a_repeat_is_answered_once_per_person_and_ticket_and_every_one_is_kept(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 100, 1000), road)
    await group.say(FLOODER, "胜利路8号门口路灯不亮")
    for _ in range(5):
        await group.say(FLOODER, "胜利路8号门口的路灯坏了")  # the reporter again
        await group.say(NEIGHBOUR, "胜利路8号门口的路灯也不亮")
    rows = await outbox(database)
    assert answers_to(rows, "card", FLOODER) == [1]
    assert answers_to(rows, "already_open", FLOODER) == []  # the card was their answer
    assert answers_to(rows, "already_open", NEIGHBOUR) == [1]  # once, not five times
    # Only the neighbour's first report changed the card (one more reporter): one edit.
    assert [row.kind for row in rows].count("card_update") == 1
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(1)
    assert ticket is not None
    also = [e for e in ticket.events if e.kind == Note.ALSO_REPORTED]
    assert len(also) == 10  # nothing said is lost: every repeat is in the ledger


async def test_a_repeat_with_a_photo_shows_it_on_the_card_without_another_answer(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 100, 1000), road)
    await group.say(FLOODER, "胜利路8号门口路灯不亮")
    await group.say(FLOODER, "胜利路8号门口的路灯坏了", photo="p1")
    rows = await outbox(database)
    assert [row.kind for row in rows] == ["card", "card_update"]


async def test_a_member_over_their_limit_is_kept_without_cards_and_told_once(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 3, 1000), road)
    outcomes = [await group.report(FLOODER, n) for n in range(1, 9)]
    await group.report(NEIGHBOUR, 100)
    assert [o.kind for o in outcomes] == [OutcomeKind.CREATED] * 8
    rows = await outbox(database)
    assert answers_to(rows, "card", FLOODER) == [1, 2, 3]
    assert answers_to(rows, "card", NEIGHBOUR) == [9]  # the others are not held up
    [told] = flood_notices(rows)
    assert told["key"] == "flood.person"
    assert told["args"] == {"name": "王老板", "count": 3, "number": 4}
    async with database.unit_of_work() as uow:
        mine = await uow.tickets.list(numbers=list(range(1, 9)))
    assert len(mine) == 8  # every report is a ticket, card or not


async def test_an_hour_later_a_member_gets_cards_again(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 2, 1000), road)
    for n in range(1, 4):
        await group.report(FLOODER, n)
    clock.advance(timedelta(minutes=59))
    await group.report(FLOODER, 4)  # three in the last hour: still over
    clock.advance(timedelta(minutes=2))
    await group.report(FLOODER, 5)  # #1-#3 are more than an hour old: one in the last hour
    rows = await outbox(database)
    assert answers_to(rows, "card", FLOODER) == [1, 2, 5]
    assert len(flood_notices(rows)) == 1  # crossing once, told once


async def test_a_group_over_its_limit_is_kept_without_cards_and_told_once(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 100, 4), road)
    for n, who in enumerate([FLOODER, NEIGHBOUR, FLOODER, NEIGHBOUR, OTHER, OTHER], start=1):
        await group.report(who, n)
    rows = await outbox(database)
    assert [row.ticket_number for row in rows if row.kind == "card"] == [1, 2, 3, 4]
    [told] = flood_notices(rows)
    assert told["key"] == "flood.group"
    assert told["args"] == {"name": "赵老板", "count": 4, "number": 5}


async def test_the_group_is_told_of_its_limit_even_when_a_flooder_crosses_it(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 2, 4), road)
    for n in range(1, 6):
        await group.report(FLOODER, n)  # the 3rd crosses their limit, the 5th the group's
    await group.report(NEIGHBOUR, 6)
    rows = await outbox(database)
    assert [row.ticket_number for row in rows if row.kind == "card"] == [1, 2]
    assert [(n["key"], n["args"]["number"]) for n in flood_notices(rows)] == [
        ("flood.person", 3),
        ("flood.group", 5),
    ]


async def test_a_repeat_over_the_limit_is_kept_without_an_answer(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 2, 1000), road)
    await group.report(NEIGHBOUR, 8)
    await group.report(FLOODER, 1)
    await group.report(FLOODER, 2)
    joined = await group.report(FLOODER, 8)  # the neighbour's problem, over their limit
    assert joined.kind is OutcomeKind.JOINED
    rows = await outbox(database)
    assert answers_to(rows, "already_open", FLOODER) == []


async def test_the_street_chief_is_not_limited(
    database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock, road: Road
) -> None:
    group = Group(database, limited(taxonomy, calendar, clock, 2, 1000), road)
    for n in range(1, 5):
        await group.report(CHIEF, n)
    rows = await outbox(database)
    assert answers_to(rows, "card", CHIEF) == [1, 2, 3, 4]
    assert flood_notices(rows) == []


def test_the_limits_come_from_the_config(settings: Settings, clock: FakeClock) -> None:
    configured = settings.model_copy(
        update={"floods": FloodSettings(per_person_per_hour=7, per_group_per_hour=70)}
    )
    office = office_for(configured, configured.taxonomy(), configured.calendar(), clock)
    assert office.floods == FloodLimits(per_person=7, per_group=70)
    default = office_for(settings, settings.taxonomy(), settings.calendar(), clock)
    assert default.floods == FloodLimits(per_person=20, per_group=200)
