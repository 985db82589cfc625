"""Values from outside (button data, command arguments) are checked before use: a number too
large for any ticket, a negative one, an unknown department, an extension past the last date
there is, each get a polite answer and change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.database import Database
from storage.models import OutboxRow
from tests.conftest import Transactions
from tickets.answers import extension_length, ticket_number
from tickets.lifecycle import Action, State
from tickets.moves import Move
from tickets.notices import NoticeKind
from tickets.requests import ButtonPress, GroupMessage, OutcomeKind, Person, Place
from tickets.taxonomy import Taxonomy

CHAT = -1001000000001
SHOPKEEPER = Person(42, "王老板")
LIGHTING = Person(5001, "小李")  # a liaison of lighting in config.example.toml
CHIEF = Person(9001, "张街长")
FORGED_NUMBERS = [99999999999999999999, -1, 0, 2**31, 2**63]


async def a_ticket(desk: Transactions, taxonomy: Taxonomy) -> int:
    async with desk() as d:
        outcome = await d.intake.message(
            GroupMessage(CHAT, 100, SHOPKEEPER, "胜利路8号门口路灯不亮"), taxonomy.road("胜利路")
        )
    assert outcome.ticket is not None
    return outcome.ticket.number


async def answers(database: Database, kind: NoticeKind) -> list[dict[str, object]]:
    async with database.unit_of_work() as uow:
        rows = await uow.session.scalars(
            select(OutboxRow).where(OutboxRow.kind == kind.value).order_by(OutboxRow.id)
        )
        return [row.payload for row in rows]


@pytest.mark.parametrize("typed", ["99999999999999999999", "-3", "0", "#", "１２", "12abc", ""])
def test_a_typed_ticket_number_that_no_ticket_can_have_is_none(typed: str) -> None:
    assert ticket_number(typed) is None


@pytest.mark.parametrize("typed", ["99999999999d", "-2d", "0h", "367d", "两天", ""])
def test_an_extension_past_a_year_or_not_a_duration_is_none(typed: str) -> None:
    assert extension_length(typed) is None


def test_an_extension_within_a_year_is_read() -> None:
    assert str(extension_length("2d")) == "2d"


@pytest.mark.parametrize("number", FORGED_NUMBERS)
async def test_a_button_with_a_number_no_ticket_has_is_stale(
    desk: Transactions, database: Database, taxonomy: Taxonomy, number: int
) -> None:
    await a_ticket(desk, taxonomy)
    press = ButtonPress("q", CHAT, None, LIGHTING)
    async with desk() as d:
        outcome = await d.presses.move(
            press, taxonomy.road("胜利路"), number, Move(Action.ACKNOWLEDGE)
        )
    assert outcome.kind is OutcomeKind.IGNORED
    [answer] = await answers(database, NoticeKind.BUTTON_ANSWER)
    assert answer["key"] == "callback.stale"


async def test_a_transfer_button_to_an_unknown_department_moves_nothing(
    desk: Transactions, database: Database, taxonomy: Taxonomy
) -> None:
    number = await a_ticket(desk, taxonomy)
    press = ButtonPress("q", CHAT, None, LIGHTING)
    async with desk() as d:
        outcome = await d.presses.move(
            press, taxonomy.road("胜利路"), number, Move(Action.TRANSFER, department="nasa")
        )
    assert outcome.kind is OutcomeKind.IGNORED
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(number)
    assert ticket is not None and ticket.department == "lighting"
    assert ticket.state is State.DISPATCHED


@pytest.mark.parametrize("typed", ["99999999999999999999", "-1", "零"])
async def test_ticket_command_with_a_number_no_ticket_can_have_gets_its_usage(
    desk: Transactions, database: Database, taxonomy: Taxonomy, typed: str
) -> None:
    async with desk() as d:
        await d.answers.ticket(Place(CHAT), taxonomy.road("胜利路"), typed)
    [said] = await answers(database, NoticeKind.SAY)
    assert said["key"] == "ticket.usage"


async def test_join_with_an_unknown_department_names_the_known_ones(
    desk: Transactions, database: Database
) -> None:
    async with desk() as d:
        await d.setup.request_join(Place(CHAT), SHOPKEEPER, "<b>火箭</b>" * 400)
    [said] = await answers(database, NoticeKind.SAY)
    assert said["key"] == "join.unknown"
    args = said["args"]
    assert isinstance(args, dict)
    assert len(str(args["department"])) <= 50  # the words are quoted, not the whole flood
    assert "环卫所(sanitation)" in str(args["departments"])
    assert await answers(database, NoticeKind.JOIN_REQUEST) == []


async def test_bind_with_a_name_too_long_for_a_road_gets_its_usage(
    desk: Transactions, database: Database
) -> None:
    async def ask() -> bool:
        return False

    async with desk() as d:
        outcome = await d.setup.bind(Place(-1002), Person(9999), "路" * 500, group_admin=ask)
        assert await d.roads.at(-1002, None) is None
    assert outcome.kind is OutcomeKind.ANSWERED
    [said] = await answers(database, NoticeKind.SAY)
    assert said["key"] == "bind.usage"


async def test_extend_past_the_last_date_there_is_gets_its_usage(
    desk: Transactions, database: Database, taxonomy: Taxonomy
) -> None:
    number = await a_ticket(desk, taxonomy)
    async with desk() as d:
        await d.extensions.ask(
            Place(CHAT), taxonomy.road("胜利路"), LIGHTING, f"{number} 99999999999d 等配件"
        )
    [said] = await answers(database, NoticeKind.SAY)
    assert said["key"] == "extension.usage"
