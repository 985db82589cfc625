"""Who may bind a road to a group, move it, or unbind it; and the record of each change.

The office's admins (admin_ids) may do anything; a configured chief may bind their own road to a
group it has not left for another, as an admin of that group; nobody else may do anything, and
is told only who may."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from bot.database import Database
from storage.models import OutboxRow
from tests.conftest import Transactions
from tickets.clock import FakeClock
from tickets.group_setup import GroupAdmin
from tickets.notices import NoticeKind
from tickets.office import Office
from tickets.ports import BindingAction, BindingRecord
from tickets.requests import OutcomeKind, Person, Place
from tickets.taxonomy import Road

VICTORY_CHAT = -1001000000001  # 胜利路's group in the config
OTHER_CHAT = -1002000000002
STRANGER_CHAT = -1003000000003
OFFICE_ADMIN = Person(9999, "街道办老周")  # admin_ids of the test office
VICTORY_CHIEF = Person(9001, "张街长")  # chief of 胜利路
BUILD_CHIEF = Person(9002, "刘街长")  # chief of 建设路, which the config gives no group
STRANGER = Person(31337, "陌生人")  # an admin of a group of his own, nobody in the config


@pytest.fixture
def roads_office(office: Office) -> Office:
    taxonomy = office.taxonomy
    build = Road("建设路", chief_ids=(BUILD_CHIEF.user_id,))
    return replace(office, taxonomy=replace(taxonomy, roads={**taxonomy.roads, "建设路": build}))


@pytest.fixture
def setup(database: Database, roads_office: Office) -> Transactions:
    return Transactions(database, roads_office)


class GroupAdmins:
    """Telegram's answer to "is this person an admin of the group", and whether it was asked."""

    def __init__(self, *admins: tuple[int, int]) -> None:
        self.admins = set(admins)
        self.asked: list[tuple[int, int]] = []

    def of(self, chat_id: int, person: Person) -> GroupAdmin:
        async def ask() -> bool:
            self.asked.append((chat_id, person.user_id))
            return (chat_id, person.user_id) in self.admins

        return ask


async def bind(
    setup: Transactions, chat_id: int, person: Person, name: str, admins: GroupAdmins
) -> OutcomeKind:
    async with setup() as desk:
        outcome = await desk.setup.bind(
            Place(chat_id, None, 1), person, name, group_admin=admins.of(chat_id, person)
        )
    return outcome.kind


async def unbind(
    setup: Transactions, chat_id: int, person: Person, admins: GroupAdmins
) -> OutcomeKind:
    async with setup() as desk:
        road = await desk.roads.at(chat_id, None)
        assert road is not None
        outcome = await desk.setup.unbind(
            Place(chat_id, None, 1), person, road, group_admin=admins.of(chat_id, person)
        )
    return outcome.kind


async def road_at(setup: Transactions, chat_id: int) -> str | None:
    async with setup() as desk:
        road = await desk.roads.at(chat_id, None)
    return None if road is None else road.name


async def said(database: Database, chat_id: int) -> list[str]:
    """The sentences the bot was asked to say in a chat, by their catalogue key."""
    async with database.unit_of_work() as uow:
        found = await uow.session.scalars(
            select(OutboxRow).where(OutboxRow.chat_id == chat_id).order_by(OutboxRow.id)
        )
        return [r.payload["key"] for r in found if r.kind == NoticeKind.SAY.value]


async def records(database: Database, road: str | None = None) -> list[BindingRecord]:
    async with database.unit_of_work() as uow:
        return await uow.roads.records(road)


async def test_an_admin_of_a_stranger_group_cannot_bind_a_configured_road_nor_invent_one(
    setup: Transactions, database: Database
) -> None:
    admins = GroupAdmins((STRANGER_CHAT, STRANGER.user_id))
    assert await bind(setup, STRANGER_CHAT, STRANGER, "建设路", admins) is OutcomeKind.REFUSED
    assert await bind(setup, STRANGER_CHAT, STRANGER, "胜利路", admins) is OutcomeKind.REFUSED
    assert await bind(setup, STRANGER_CHAT, STRANGER, "幸福路", admins) is OutcomeKind.REFUSED
    assert await bind(setup, STRANGER_CHAT, STRANGER, "", admins) is OutcomeKind.REFUSED
    assert await road_at(setup, STRANGER_CHAT) is None
    assert await road_at(setup, VICTORY_CHAT) == "胜利路"
    # The same one line each time: nothing about which roads exist or where they are.
    assert await said(database, STRANGER_CHAT) == ["bind.who_may"] * 4
    assert await said(database, VICTORY_CHAT) == []  # the real group is told nothing
    assert admins.asked == []  # a stranger costs no call to Telegram
    async with setup() as desk:
        assert await desk.roads.all() == list(desk.office.taxonomy.roads.values())


async def test_a_roads_own_chief_binds_it_as_an_admin_of_the_group(
    setup: Transactions, database: Database, clock: FakeClock
) -> None:
    not_admin = GroupAdmins()
    assert await bind(setup, OTHER_CHAT, BUILD_CHIEF, "建设路", not_admin) is OutcomeKind.REFUSED
    assert await road_at(setup, OTHER_CHAT) is None
    admin = GroupAdmins((OTHER_CHAT, BUILD_CHIEF.user_id))
    assert await bind(setup, OTHER_CHAT, BUILD_CHIEF, "建设路", admin) is OutcomeKind.MOVED
    assert await road_at(setup, OTHER_CHAT) == "建设路"
    assert await said(database, OTHER_CHAT) == ["bind.who_may", "bind.done"]
    [record] = await records(database)
    assert (record.road, record.action, record.chat_id, record.by, record.at) == (
        "建设路",
        BindingAction.BIND,
        OTHER_CHAT,
        BUILD_CHIEF.user_id,
        clock.now(),
    )


async def test_a_chief_may_bind_neither_another_road_nor_a_new_one(setup: Transactions) -> None:
    admin = GroupAdmins((OTHER_CHAT, VICTORY_CHIEF.user_id))
    assert await bind(setup, OTHER_CHAT, VICTORY_CHIEF, "建设路", admin) is OutcomeKind.REFUSED
    assert await bind(setup, OTHER_CHAT, VICTORY_CHIEF, "幸福路", admin) is OutcomeKind.REFUSED
    assert await road_at(setup, OTHER_CHAT) is None


async def test_only_the_office_moves_a_road_to_another_group(
    setup: Transactions, database: Database
) -> None:
    chief_admin = GroupAdmins((OTHER_CHAT, VICTORY_CHIEF.user_id))
    assert (
        await bind(setup, OTHER_CHAT, VICTORY_CHIEF, "胜利路", chief_admin) is OutcomeKind.REFUSED
    )
    assert await road_at(setup, VICTORY_CHAT) == "胜利路"
    nobody = GroupAdmins()  # the office's admins need not be admins of the group
    assert await bind(setup, OTHER_CHAT, OFFICE_ADMIN, "胜利路", nobody) is OutcomeKind.MOVED
    assert await road_at(setup, OTHER_CHAT) == "胜利路"
    assert await road_at(setup, VICTORY_CHAT) is None
    assert await said(database, VICTORY_CHAT) == ["bind.moved_away"]  # the old group is told


async def test_a_chief_cannot_take_a_group_that_serves_another_road(setup: Transactions) -> None:
    admin = GroupAdmins((VICTORY_CHAT, BUILD_CHIEF.user_id))
    assert await bind(setup, VICTORY_CHAT, BUILD_CHIEF, "建设路", admin) is OutcomeKind.REFUSED
    assert await road_at(setup, VICTORY_CHAT) == "胜利路"


async def test_the_office_adds_a_road_the_config_does_not_know(
    setup: Transactions, database: Database
) -> None:
    assert await bind(setup, OTHER_CHAT, OFFICE_ADMIN, "幸福路", GroupAdmins()) is OutcomeKind.MOVED
    assert await road_at(setup, OTHER_CHAT) == "幸福路"
    assert await bind(setup, OTHER_CHAT, OFFICE_ADMIN, "幸福路", GroupAdmins()) is (
        OutcomeKind.ANSWERED
    )
    assert await said(database, OTHER_CHAT) == ["bind.done", "bind.already"]


async def test_unbinding_a_configured_road_outlasts_the_file_and_is_recorded(
    setup: Transactions, database: Database
) -> None:
    group_admin = GroupAdmins((VICTORY_CHAT, 777))
    assert await unbind(setup, VICTORY_CHAT, Person(777), group_admin) is OutcomeKind.REFUSED
    chief = GroupAdmins((VICTORY_CHAT, VICTORY_CHIEF.user_id))
    assert await unbind(setup, VICTORY_CHAT, VICTORY_CHIEF, chief) is OutcomeKind.MOVED
    # The file still names the group; the unbinding made in chat wins over it.
    assert await road_at(setup, VICTORY_CHAT) is None
    assert await said(database, VICTORY_CHAT) == ["unbind.who_may", "unbind.done"]
    assert [(r.action, r.chat_id, r.by) for r in await records(database, "胜利路")] == [
        (BindingAction.UNBIND, VICTORY_CHAT, VICTORY_CHIEF.user_id)
    ]
    # Its chief may bind it back where it was, not anywhere else: that would be moving it.
    elsewhere = GroupAdmins((OTHER_CHAT, VICTORY_CHIEF.user_id))
    assert await bind(setup, OTHER_CHAT, VICTORY_CHIEF, "胜利路", elsewhere) is (
        OutcomeKind.REFUSED
    )
    assert await bind(setup, VICTORY_CHAT, VICTORY_CHIEF, "胜利路", chief) is OutcomeKind.MOVED
    assert await road_at(setup, VICTORY_CHAT) == "胜利路"


async def test_a_road_bound_where_another_was_records_both(
    setup: Transactions, database: Database
) -> None:
    assert await bind(setup, VICTORY_CHAT, OFFICE_ADMIN, "幸福路", GroupAdmins()) is (
        OutcomeKind.MOVED
    )
    assert await road_at(setup, VICTORY_CHAT) == "幸福路"
    async with setup() as desk:
        victory = await desk.roads.named("胜利路")
    assert [(r.road, r.action, r.chat_id, r.by) for r in await records(database)] == [
        ("胜利路", BindingAction.UNBIND, VICTORY_CHAT, OFFICE_ADMIN.user_id),
        ("幸福路", BindingAction.BIND, VICTORY_CHAT, OFFICE_ADMIN.user_id),
    ]
    assert victory is not None and victory.chat_id is None
