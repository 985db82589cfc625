"""A report the reader is unsure of still becomes a ticket: it goes to the street office's
triage, whose card offers the likely departments; one tap routes it, as a correction of the
reading, not as a transfer against the department's accurate-dispatch figure."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.database import Database
from tests.conftest import Transactions
from tests.storage.test_desk import CHAT, CHIEF, LIGHTING, SHOPKEEPER, Group
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.figures import Figures, figures
from tickets.lifecycle import Action, State
from tickets.moves import Move
from tickets.office import Office
from tickets.requests import ButtonPress, Outcome, OutcomeKind, Person
from tickets.taxonomy import Road, Taxonomy
from tickets.triage import choices
from tickets.understanding import Understanding

TRIAGE = Person(5010, "网格员小陈")  # the street office's liaison: the triage
# Words that say what is wrong but not with what: the reader cannot tell whose it is.
UNCLEAR = "路口那边乱七八糟的"


def office_with_triage(taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock) -> Office:
    """The example office, with a liaison at the street office to triage."""
    street = replace(taxonomy.departments["street_office"], liaison_ids=(TRIAGE.user_id,))
    ours = replace(taxonomy, departments={**taxonomy.departments, "street_office": street})
    return Office(
        taxonomy=ours,
        calendar=calendar,
        clock=clock,
        understanding=Understanding(ours.categories.values()),
        admin_ids=frozenset({9999}),
    )


@pytest.fixture
def office(taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock) -> Office:
    return office_with_triage(taxonomy, calendar, clock)


@pytest.fixture
def road(office: Office) -> Road:
    return office.taxonomy.road("胜利路")


async def tap(desk: Transactions, road: Road, who: Person, number: int, move: Move) -> Outcome:
    """`who` taps a button under the card of ticket `number`: what the handler asks the desk."""
    async with desk() as d:
        return await d.presses.move(ButtonPress("q", CHAT, None, who), road, number, move)


def route(category: str) -> Move:
    """A triage card's button: the ticket is `category`."""
    return Move(Action.CORRECT, category=category)


async def this_weeks_figures(database: Database, office: Office, clock: FakeClock) -> Figures:
    start, end = clock.now() - timedelta(days=7), clock.now() + timedelta(minutes=1)
    async with database.unit_of_work() as uow:
        tickets = await uow.tickets.for_figures(None, start, end)
    return figures(
        tickets,
        start=start,
        end=end,
        taxonomy=office.taxonomy,
        calendar=office.calendar,
    )


async def test_an_unsure_report_goes_to_triage_with_the_likely_departments_offered(
    desk: Transactions, road: Road, office: Office
) -> None:
    _, created = await Group(desk, road).say(SHOPKEEPER, UNCLEAR)
    assert created.reading.unsure, "the words must leave the reader unsure"
    ticket = created.ticket
    assert created.kind is OutcomeKind.CREATED
    assert (ticket.category, ticket.department) == ("other", "street_office")
    offered = choices(ticket, office.taxonomy)
    assert 2 <= len(offered) <= 3 and "other" not in offered
    assert offered == [c for c in created.reading.alternatives if c != "other"][:3]
    assert ticket.events[0].data["triage"] is True


async def test_one_tap_routes_it_as_a_correction_and_accurate_dispatch_is_untouched(
    desk: Transactions, road: Road, office: Office, database: Database, clock: FakeClock
) -> None:
    group = Group(desk, road)
    _, created = await group.say(SHOPKEEPER, UNCLEAR)
    number = created.ticket.number
    chosen = choices(created.ticket, office.taxonomy)[1]  # the second likeliest, say
    clock.advance(timedelta(minutes=20))

    tapped = await tap(desk, road, TRIAGE, number, route(chosen))

    assert (tapped.kind, tapped.action) == (OutcomeKind.MOVED, Action.CORRECT)
    ticket = tapped.ticket
    department = office.taxonomy.category(chosen).department
    assert (ticket.category, ticket.department, ticket.state) == (
        chosen,
        department,
        State.DISPATCHED,
    )
    correction = ticket.events[-1]
    assert (correction.kind, correction.by) == (Action.CORRECT, TRIAGE.user_id)
    assert correction.data["from_category"] == "other"
    assert correction.data["from_department"] == "street_office"
    assert correction.data["to_department"] == department
    # The department's clocks start now, on the category's own deadlines.
    assert ticket.ack_due == office.deadlines(chosen, clock.now()).ack_due
    assert ticket.transfer_count == 0
    # A plain report sent to the wrong office and transferred, for contrast.
    _, lamp = await group.say(SHOPKEEPER, "胜利路8号门口路灯不亮")
    to_parks = Move(Action.TRANSFER, department="parks")
    moved = await tap(desk, road, LIGHTING, lamp.ticket.number, to_parks)
    assert (moved.kind, moved.action) == (OutcomeKind.MOVED, Action.TRANSFER)

    counted = await this_weeks_figures(database, office, clock)
    assert (counted.dispatched, counted.transferred) == (2, 1)
    assert counted.accurate_dispatch_rate == 0.5  # the triage choice is not the missing half


async def test_the_other_departments_menu_of_a_triage_card_corrects_too(
    desk: Transactions, road: Road, office: Office
) -> None:
    _, created = await Group(desk, road).say(SHOPKEEPER, UNCLEAR)
    number = created.ticket.number
    tapped = await tap(desk, road, TRIAGE, number, Move(Action.TRANSFER, department="sanitation"))
    assert tapped.action is Action.CORRECT
    ticket = tapped.ticket
    assert ticket.department == "sanitation" and ticket.transfer_count == 0
    assert office.taxonomy.category(ticket.category).department == "sanitation"
    # Once routed it is the department's like any ticket: its own transfer counts.
    assert choices(ticket, office.taxonomy) == []


async def test_only_the_triage_the_chief_or_the_department_route_it(
    desk: Transactions, road: Road, office: Office, database: Database
) -> None:
    _, created = await Group(desk, road).say(SHOPKEEPER, UNCLEAR)
    number = created.ticket.number
    chosen, other = choices(created.ticket, office.taxonomy)[:2]
    for who in (SHOPKEEPER, LIGHTING):
        refused = await tap(desk, road, who, number, route(chosen))
        assert refused.kind is OutcomeKind.REFUSED, who
    by_chief = await tap(desk, road, CHIEF, number, route(chosen))
    assert (by_chief.kind, by_chief.ticket.category) == (OutcomeKind.MOVED, chosen)
    # Taps on the old card's buttons find it already routed: the first tap counts.
    for late in (chosen, other):
        again = await tap(desk, road, TRIAGE, number, route(late))
        assert again.kind is OutcomeKind.IGNORED, late
    async with database.unit_of_work() as uow:
        stored = await uow.tickets.get(number)
    assert stored is not None
    assert [e.by for e in stored.events if e.kind is Action.CORRECT] == [CHIEF.user_id]
