"""/join by the department's name as people say it, approved only in the group of the request;
/leave and /remove; each approval, leave and removal recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.database import Database
from storage.models import OutboxRow
from tests.conftest import Transactions
from tickets.clock import FakeClock
from tickets.group_setup import GroupAdmin, departments_named
from tickets.notices import NoticeKind
from tickets.ports import MembershipAction
from tickets.requests import ButtonPress, OutcomeKind, Person, Place
from tickets.taxonomy import Road, Taxonomy

CHAT = -1001000000001  # 胜利路
OTHER_CHAT = -1002000000002
NEWCOMER = Person(5099, "小陈", "chen_lamp")
CHIEF = Person(9001, "张街长")
SHOPKEEPER = Person(42, "王老板")


def nobody_is_admin() -> GroupAdmin:
    async def ask() -> bool:
        return False

    return ask


@pytest.mark.parametrize(
    ("said", "department"),
    [
        ("环卫所", "sanitation"),
        ("环卫", "sanitation"),
        ("路灯", "lighting"),  # a part of 路灯管理所
        ("城管", "enforcement"),
        ("sanitation", "sanitation"),
        ("Street Lighting Office", "lighting"),  # the English name, in any case
        ("sanitation office", "sanitation"),
        ("井盖", "municipal"),  # the problem it handles: 井盖缺失 is the municipal centre's
    ],
)
def test_a_department_is_found_by_the_words_people_use(
    taxonomy: Taxonomy, said: str, department: str
) -> None:
    assert departments_named(taxonomy, said) == [department]


def test_words_that_fit_several_departments_or_none_are_not_guessed(taxonomy: Taxonomy) -> None:
    assert len(departments_named(taxonomy, "所")) > 1
    assert departments_named(taxonomy, "火箭发射") == []
    assert departments_named(taxonomy, "   ") == []


async def join(desk: Transactions, chat_id: int, person: Person, words: str) -> int | None:
    """The id of the request the /join made, if it made one."""
    async with desk() as d:
        await d.setup.request_join(Place(chat_id, None, 1), person, words)
    async with desk.database.unit_of_work() as uow:
        rows = await uow.session.scalars(
            select(OutboxRow).where(OutboxRow.kind == NoticeKind.JOIN_REQUEST.value)
        )
        requests = [r.payload for r in rows if r.chat_id == chat_id]
    return int(requests[-1]["member_id"]) if requests else None


async def press_approve(
    desk: Transactions, chat_id: int, road: Road, presser: Person, member_id: int
) -> OutcomeKind:
    press = ButtonPress("q", chat_id, None, presser)
    async with desk() as d:
        outcome = await d.setup.approve_join(press, road, member_id, group_admin=nobody_is_admin())
    return outcome.kind


async def departments_of(desk: Transactions, chat_id: int, person: Person) -> frozenset[str]:
    async with desk.database.unit_of_work() as uow:
        return (await uow.members.approved_roles(chat_id, person.user_id)).departments


async def test_join_takes_the_name_people_say(desk: Transactions, database: Database) -> None:
    member_id = await join(desk, CHAT, NEWCOMER, "路灯")
    assert member_id is not None
    async with database.unit_of_work() as uow:
        [row] = await uow.session.scalars(
            select(OutboxRow).where(OutboxRow.kind == NoticeKind.JOIN_REQUEST.value)
        )
    assert row.payload["department"] == "lighting"


async def test_an_approval_pressed_in_another_group_approves_nothing(
    desk: Transactions, taxonomy: Taxonomy
) -> None:
    member_id = await join(desk, CHAT, NEWCOMER, "环卫所")
    assert member_id is not None
    # Another group whose chief he is: the request is not his to approve there.
    elsewhere = Road("幸福路", OTHER_CHAT, chief_ids=(31337,))
    outcome = await press_approve(desk, OTHER_CHAT, elsewhere, Person(31337), member_id)
    assert outcome is OutcomeKind.IGNORED  # told the button is stale
    assert await departments_of(desk, CHAT, NEWCOMER) == frozenset()
    assert await departments_of(desk, OTHER_CHAT, NEWCOMER) == frozenset()
    road = taxonomy.road("胜利路")
    assert await press_approve(desk, CHAT, road, SHOPKEEPER, member_id) is OutcomeKind.REFUSED
    assert await press_approve(desk, CHAT, road, CHIEF, member_id) is OutcomeKind.MOVED
    assert await departments_of(desk, CHAT, NEWCOMER) == {"sanitation"}


@pytest.mark.parametrize("member_id", [99999999999999999999, -1, 0, 2**63])
async def test_a_forged_request_id_is_a_stale_button(
    desk: Transactions, taxonomy: Taxonomy, member_id: int
) -> None:
    road = taxonomy.road("胜利路")
    assert await press_approve(desk, CHAT, road, CHIEF, member_id) is OutcomeKind.IGNORED


async def approved(desk: Transactions, taxonomy: Taxonomy, person: Person, words: str) -> None:
    member_id = await join(desk, CHAT, person, words)
    assert member_id is not None
    road = taxonomy.road("胜利路")
    assert await press_approve(desk, CHAT, road, CHIEF, member_id) is OutcomeKind.MOVED


async def test_a_liaison_leaves_and_it_is_recorded(
    desk: Transactions, database: Database, taxonomy: Taxonomy, clock: FakeClock
) -> None:
    await approved(desk, taxonomy, NEWCOMER, "环卫所")
    async with desk() as d:
        outcome = await d.setup.leave(Place(CHAT), NEWCOMER, taxonomy.road("胜利路"), "")
    assert outcome.kind is OutcomeKind.MOVED
    assert await departments_of(desk, CHAT, NEWCOMER) == frozenset()
    async with database.unit_of_work() as uow:
        kept = await uow.members.records(CHAT)
    assert [(r.user_id, r.department, r.action, r.by, r.at) for r in kept] == [
        (NEWCOMER.user_id, "sanitation", MembershipAction.APPROVED, CHIEF.user_id, clock.now()),
        (NEWCOMER.user_id, "sanitation", MembershipAction.LEFT, NEWCOMER.user_id, clock.now()),
    ]
    # and may join again, to be approved again
    assert await join(desk, CHAT, NEWCOMER, "环卫所") is not None


async def test_a_liaison_from_the_config_is_told_the_office_changes_it(
    desk: Transactions, database: Database, taxonomy: Taxonomy
) -> None:
    lighting = Person(5001, "小李")  # a liaison of lighting in config.example.toml
    async with desk() as d:
        outcome = await d.setup.leave(Place(CHAT), lighting, taxonomy.road("胜利路"), "")
    assert outcome.kind is OutcomeKind.ANSWERED
    async with database.unit_of_work() as uow:
        [row] = await uow.session.scalars(select(OutboxRow).where(OutboxRow.chat_id == CHAT))
    assert row.payload["key"] == "leave.configured"


async def remove(
    desk: Transactions, taxonomy: Taxonomy, by: Person, words: str, replied_to: Person | None
) -> OutcomeKind:
    async with desk() as d:
        outcome = await d.setup.remove(
            Place(CHAT),
            by,
            taxonomy.road("胜利路"),
            words,
            replied_to=replied_to,
            group_admin=nobody_is_admin(),
        )
    return outcome.kind


async def test_the_chief_removes_a_liaison_and_a_shopkeeper_cannot(
    desk: Transactions, database: Database, taxonomy: Taxonomy
) -> None:
    await approved(desk, taxonomy, NEWCOMER, "环卫所")
    assert await remove(desk, taxonomy, SHOPKEEPER, "", NEWCOMER) is OutcomeKind.REFUSED
    assert await departments_of(desk, CHAT, NEWCOMER) == {"sanitation"}
    assert await remove(desk, taxonomy, CHIEF, "", NEWCOMER) is OutcomeKind.MOVED  # a reply
    assert await departments_of(desk, CHAT, NEWCOMER) == frozenset()
    async with database.unit_of_work() as uow:
        kept = await uow.members.records(CHAT)
    assert (kept[-1].action, kept[-1].by) == (MembershipAction.REMOVED, CHIEF.user_id)


async def test_the_chief_removes_a_liaison_named_by_username(
    desk: Transactions, taxonomy: Taxonomy
) -> None:
    await approved(desk, taxonomy, NEWCOMER, "环卫所")
    await approved(desk, taxonomy, NEWCOMER, "路灯")
    assert await remove(desk, taxonomy, CHIEF, "@Chen_Lamp 路灯", None) is OutcomeKind.MOVED
    assert await departments_of(desk, CHAT, NEWCOMER) == {"sanitation"}
    assert await remove(desk, taxonomy, CHIEF, "@nobody_here", None) is OutcomeKind.ANSWERED
    assert await remove(desk, taxonomy, CHIEF, "99999999999999999999", None) is (
        OutcomeKind.ANSWERED
    )
    assert await departments_of(desk, CHAT, NEWCOMER) == {"sanitation"}
