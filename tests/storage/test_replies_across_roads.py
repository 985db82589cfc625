"""A reply in one road's group or topic never moves another road's ticket: two roads in two
topics of one forum group, where a reply can point at any message of the group."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.database import Database
from tests.conftest import Transactions
from tickets.lifecycle import State
from tickets.office import Office
from tickets.requests import GroupMessage, OutcomeKind, Person
from tickets.taxonomy import Road

FORUM = -1003000000000
VICTORY_TOPIC, BUILD_TOPIC = 11, 22
SHOPKEEPER = Person(42, "王老板")
LIGHTING = Person(5001, "小李")  # a liaison of lighting in config.example.toml, on every road
CARD = 900


@pytest.fixture
def forum_office(office: Office) -> Office:
    taxonomy = office.taxonomy
    victory = replace(taxonomy.road("胜利路"), chat_id=FORUM, thread_id=VICTORY_TOPIC)
    build = Road("建设路", FORUM, BUILD_TOPIC)
    return replace(office, taxonomy=replace(taxonomy, roads={"胜利路": victory, "建设路": build}))


@pytest.fixture
def forum(database: Database, forum_office: Office) -> Transactions:
    return Transactions(database, forum_office)


async def say(
    forum: Transactions,
    topic: int,
    who: Person,
    text: str,
    message_id: int,
    *,
    reply_to: int | None = None,
    edit: bool = False,
) -> OutcomeKind:
    message = GroupMessage(FORUM, message_id, who, text, thread_id=topic, reply_to=reply_to)
    async with forum() as desk:
        road = await desk.roads.at(FORUM, topic)
        assert road is not None
        if edit:
            return (await desk.intake.edit(message, road)).kind
        return (await desk.intake.message(message, road)).kind


async def a_victory_road_ticket(forum: Transactions, database: Database) -> int:
    assert await say(forum, VICTORY_TOPIC, SHOPKEEPER, "胜利路8号门口路灯不亮", 100) is (
        OutcomeKind.CREATED
    )
    async with database.unit_of_work() as uow:  # the card, as the sender would link it
        await uow.links.link(FORUM, CARD, 1, "card")
        await uow.commit()
    return 1


async def state_of(database: Database, number: int) -> State:
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(number)
    assert ticket is not None
    return ticket.state


async def test_a_reply_in_another_roads_topic_does_not_move_the_ticket(
    forum: Transactions, database: Database
) -> None:
    number = await a_victory_road_ticket(forum, database)
    outcome = await say(forum, BUILD_TOPIC, LIGHTING, "收到", 101, reply_to=CARD)
    assert outcome is not OutcomeKind.MOVED
    assert await state_of(database, number) is State.DISPATCHED
    # Without a reply either: the only open ticket it could be about is another road's.
    assert await say(forum, BUILD_TOPIC, LIGHTING, "收到", 102) is OutcomeKind.IGNORED
    assert await state_of(database, number) is State.DISPATCHED
    # The same reply in the ticket's own topic moves it.
    assert await say(forum, VICTORY_TOPIC, LIGHTING, "收到", 103, reply_to=CARD) is (
        OutcomeKind.MOVED
    )
    assert await state_of(database, number) is State.ACKNOWLEDGED


async def test_an_edit_arriving_in_another_roads_topic_does_not_rewrite_the_report(
    forum: Transactions, database: Database
) -> None:
    number = await a_victory_road_ticket(forum, database)
    outcome = await say(forum, BUILD_TOPIC, SHOPKEEPER, "井盖丢了", 100, edit=True)
    assert outcome is OutcomeKind.IGNORED
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(number)
    assert ticket is not None and ticket.category == "streetlight"
