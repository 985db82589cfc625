"""A liaison or the chief corrects a ticket in words, replying to its card ("应该是环卫",
"地点：3号楼下"), and makes a missed report a ticket by replying "立案" to it: each a move in the
ticket's history with who made it, followed by the card."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.database import Database
from tests.conftest import Transactions
from tests.storage.test_desk import (
    CHAT,
    CHIEF,
    LIGHTING,
    NEIGHBOUR,
    SANITATION,
    SHOPKEEPER,
    Group,
    card_of,
    notices,
)
from tests.storage.test_triage import TRIAGE, office_with_triage, this_weeks_figures
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.lifecycle import Action, State
from tickets.office import Office
from tickets.requests import GroupMessage, Outcome, OutcomeKind, Person, Replied
from tickets.taxonomy import Road, Taxonomy


@pytest.fixture
def office(taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock) -> Office:
    return office_with_triage(taxonomy, calendar, clock)


@pytest.fixture
def road(office: Office) -> Road:
    return office.taxonomy.road("胜利路")


async def test_a_liaison_says_whose_it_really_is_and_the_ticket_goes_there(
    desk: Transactions, road: Road, database: Database, clock: FakeClock, office: Office
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮，旁边垃圾桶也满了")
    card = await card_of(database, created.ticket.number)
    clock.advance(timedelta(minutes=10))

    _, corrected = await group.say(LIGHTING, "应该是环卫", reply_to=card)

    assert (corrected.kind, corrected.action) == (OutcomeKind.MOVED, Action.CORRECT)
    ticket = corrected.ticket
    assert ticket.department == "sanitation"
    assert office.taxonomy.category(ticket.category).department == "sanitation"
    assert (ticket.state, ticket.transfer_count) == (State.DISPATCHED, 0)
    event = ticket.events[-1]
    assert (event.kind, event.by) == (Action.CORRECT, LIGHTING.user_id)
    assert event.data["from_category"] == "streetlight"
    assert event.data["from_department"] == "lighting"
    # The card follows, and the group hears it went to sanitation.
    said = [n for n in await notices(database) if n.ticket_number == ticket.number]
    assert [n.kind for n in said][-2:] == ["card_update", "moved"]
    assert said[-1].payload["action"] == "correct"
    counted = await this_weeks_figures(database, office, clock)
    assert counted.accurate_dispatch_rate == 1.0


async def test_the_chief_names_the_problem_as_people_say_it(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "超市后门堆了很多纸箱和垃圾")
    card = await card_of(database, created.ticket.number)
    _, corrected = await group.say(CHIEF, "是路灯的事", reply_to=card)
    assert (corrected.ticket.category, corrected.ticket.department) == ("streetlight", "lighting")
    _, again = await group.say(CHIEF, "应该是路灯。", reply_to=card)
    assert again.kind is OutcomeKind.NOT_NOW  # it already is: no second move
    assert [e.kind for e in again.ticket.events].count(Action.CORRECT) == 1


async def test_the_place_is_corrected_without_touching_the_clocks(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    await group.say(LIGHTING, "收到", reply_to=card)
    _, placed = await group.say(LIGHTING, "地点：3号楼下", reply_to=card)
    ticket = placed.ticket
    assert (placed.action, ticket.location, ticket.state) == (
        Action.CORRECT_PLACE,
        "3号楼下",
        State.ACKNOWLEDGED,
    )
    assert ticket.ack_due == created.ticket.ack_due
    event = ticket.events[-1]
    assert (event.by, event.data) == (
        LIGHTING.user_id,
        {"from_location": "胜利路8号", "to_location": "3号楼下"},
    )


async def test_the_triage_corrects_in_words_and_others_cannot(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "路口那边乱七八糟的")
    assert created.ticket.department == "street_office"
    card = await card_of(database, created.ticket.number)

    # Another department's liaison is told who may; a shopkeeper's words are read as ever.
    _, refused = await group.say(SANITATION, "应该是环卫", reply_to=card)
    assert refused.kind is OutcomeKind.REFUSED
    _, chatter = await group.say(NEIGHBOUR, "是环卫的事", reply_to=card)
    assert chatter.kind is not OutcomeKind.MOVED

    _, routed = await group.say(TRIAGE, "归交警管", reply_to=card)
    assert (routed.action, routed.ticket.department) == (Action.CORRECT, "traffic_police")
    assert routed.ticket.events[-1].by == TRIAGE.user_id


async def register(desk: Transactions, road: Road, who: Person, replied: Replied) -> Outcome:
    """`who` replies "立案" to the message `replied`."""
    message = GroupMessage(CHAT, 300, who, "立案", reply_to=replied.message_id, replied=replied)
    async with desk() as d:
        return await d.intake.message(message, road)


async def test_a_liaison_makes_a_missed_report_a_ticket_with_立案(
    desk: Transactions, road: Road, database: Database
) -> None:
    said = "我家楼下那个东西又在响了一晚上没睡着"
    missed = Replied(200, SHOPKEEPER, said)

    by_shopkeeper = await register(desk, road, NEIGHBOUR, missed)
    assert by_shopkeeper.kind is not OutcomeKind.CREATED  # not theirs to register

    registered = await register(desk, road, LIGHTING, missed)

    assert (registered.kind, registered.action) == (OutcomeKind.CREATED, Action.REPORT)
    ticket = registered.ticket
    assert (ticket.text, ticket.reporter_id) == (said, SHOPKEEPER.user_id)
    report = ticket.events[0]
    assert (report.kind, report.by) == (Action.REPORT, SHOPKEEPER.user_id)
    assert report.data["registered_by"] == LIGHTING.user_id
    [card] = [n for n in await notices(database) if n.kind == "card"]
    assert (card.ticket_number, card.reply_to) == (ticket.number, 200)  # answering the report
    # The reporter confirms or reopens it as their own.
    async with database.unit_of_work() as uow:
        assert await uow.links.ticket_number_for(CHAT, 200) == ticket.number


async def test_the_reporter_editing_the_words_does_not_undo_a_correction(
    desk: Transactions, road: Road, database: Database
) -> None:
    group = Group(desk, road)
    message_id, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    await group.say(LIGHTING, "应该是环卫", reply_to=card)
    _, edited = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮了", edit_of=message_id)
    assert edited.ticket.department == "sanitation"


async def test_a_correction_in_english(desk: Transactions, road: Road, database: Database) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_of(database, created.ticket.number)
    _, corrected = await group.say(LIGHTING, "It should be sanitation.", reply_to=card)
    assert (corrected.action, corrected.ticket.department) == (Action.CORRECT, "sanitation")
    _, not_theirs = await group.say(LIGHTING, "Location: back gate of No. 8", reply_to=card)
    assert not_theirs.kind is OutcomeKind.REFUSED  # sanitation's now, not the lighting office's
    _, placed = await group.say(CHIEF, "Location: back gate of No. 8", reply_to=card)
    assert placed.ticket.location == "back gate of No. 8"
