"""The sender's guarantees against the Bot API emulator and a real database: a row sent
meanwhile is not sent again, a superseded card update is skipped, an update of a card not yet out
is not sent, replies to what was sent find their ticket."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from sqlalchemy import func, select

from bot.database import Database
from bot.outbox_worker import OutboxWorker
from bot.pacing import Limits, Pacer
from bot.settings import Settings
from emulator import Emulator
from storage.models import MessageLinkRow
from tests.bot.sending import deliver, leading_sender
from tests.bot.test_sender import FakeMonotonic, FakeSleep, Progress
from tests.clerk import Clerk
from tests.emulator.conftest import TOKEN, make_bot
from tickets.clock import FakeClock
from tickets.model import Photo
from tickets.notices import Notice, NoticeKind
from tickets.permissions import Actor
from tickets.roles import Role
from tickets.taxonomy import Taxonomy

ROAD_CHAT = -1001000000001  # 胜利路's group in the example config
OTHER_CHAT = -1001000000002
LIGHTING_LIAISON = 5001  # lighting's liaison in the example config
LIAISON = Actor(LIGHTING_LIAISON, "路灯所小李", Role.LIAISON, frozenset({"lighting"}))
NO_PACING = Limits(per_chat_per_minute=10**6, per_chat_interval=0.0, global_per_second=10**6)


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(host="127.0.0.1", port=0)
    emu.add_bot(TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
    async with emu:
        await emu.create_group("胜利路联络群", chat_id=ROAD_CHAT)
        await emu.add_user("路灯所小李", user_id=LIGHTING_LIAISON)
        await emu.add_member(ROAD_CHAT, LIGHTING_LIAISON)
        yield emu


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    telegram = make_bot(emulator)
    yield telegram
    await telegram.session.close()


@pytest.fixture
async def sender(
    database: Database, bot: Bot, settings: Settings, clock: FakeClock
) -> OutboxWorker:
    """The sender with pacing off, on the emulator."""
    worker, _ = await leading_sender(database, bot, settings, clock)
    return worker


SHOPKEEPER = Actor(42, "王老板")


async def report(
    service: Clerk,
    place: str = "胜利路1号",
    photos: int = 0,
    reporter: Actor = SHOPKEEPER,
) -> int:
    outcome = await service.report(
        road="胜利路",
        category="streetlight",
        text=f"{place}路灯不亮",
        location=place,
        reporter=reporter,
        photos=tuple(Photo(f"before-{n}") for n in range(photos)),
        chat_id=ROAD_CHAT,
    )
    return outcome.ticket.number


async def queue(database: Database, *notices: Notice) -> None:
    async with database.unit_of_work() as uow:
        for notice in notices:
            await uow.outbox.add(notice)
        await uow.commit()


async def row_ids(database: Database, clock: FakeClock) -> list[int]:
    """The queued rows, as the sender loads them."""
    async with database.unit_of_work() as uow:
        return [row.id for row in await uow.outbox.queued(clock.now(), limit=1000)]


async def test_a_card_goes_out_with_its_history_and_replies_to_it_find_the_ticket(
    database: Database,
    service: Clerk,
    emulator: Emulator,
    sender: OutboxWorker,
) -> None:
    number = await report(service, photos=2)  # its card is queued with it
    await deliver(sender)
    await report(service, reporter=Actor(43, "李老板"))  # the same lamp: a second reporter
    await deliver(sender)
    card, already_open = emulator.sent_messages(ROAD_CHAT)
    assert f"#{number}" in already_open.text
    assert f"#{number}" in card.text
    assert "📷 2 张照片" in card.text  # the photos of its history are counted
    assert "路灯所小李" in card.text  # the liaison, named by Telegram once

    await service.acknowledge(number, LIAISON)
    await queue(
        database,
        Notice(NoticeKind.CARD_UPDATE, ROAD_CHAT, ticket_number=number),
        Notice(
            NoticeKind.MOVED,
            ROAD_CHAT,
            ticket_number=number,
            data={"action": "acknowledge", "by_id": LIGHTING_LIAISON, "by_name": "路灯所小李"},
        ),
    )
    async with database.unit_of_work() as uow:
        links_before = await uow.session.scalar(select(func.count()).select_from(MessageLinkRow))
    await deliver(sender)

    edits = emulator.calls("editMessageText")
    assert {int(edit.params["message_id"]) for edit in edits} == {card.message_id}
    assert "📷 2 张照片" in edits[-1].params["text"]
    moved = emulator.sent_messages(ROAD_CHAT)[-1]
    assert moved.message_id != card.message_id
    async with database.unit_of_work() as uow:
        assert await uow.links.ticket_number_for(ROAD_CHAT, card.message_id) == number
        assert await uow.links.ticket_number_for(ROAD_CHAT, moved.message_id) == number
        assert await uow.links.messages_of(number, "card") == [(ROAD_CHAT, card.message_id)]
        links_after = await uow.session.scalar(select(func.count()).select_from(MessageLinkRow))
    assert links_after == (links_before or 0) + 1  # the moved notice; the edit is the card


async def test_only_the_last_waiting_update_of_a_card_is_sent(
    database: Database,
    service: Clerk,
    emulator: Emulator,
    sender: OutboxWorker,
) -> None:
    number = await report(service)
    other = await report(service, place="胜利路9号")
    await deliver(sender)
    first_card, other_card = emulator.sent_messages(ROAD_CHAT)

    await service.acknowledge(number, LIAISON)
    update = Notice(NoticeKind.CARD_UPDATE, ROAD_CHAT, ticket_number=number)
    # Two updates of the first card waiting, and one of the other's: the first card's first
    # update is superseded by its second; the other card's is not (another ticket).
    await queue(
        database, update, update, Notice(NoticeKind.CARD_UPDATE, ROAD_CHAT, ticket_number=other)
    )
    await deliver(sender)

    edits = [int(call.params["message_id"]) for call in emulator.calls("editMessageText")]
    assert sorted(edits) == sorted([first_card.message_id, other_card.message_id])
    async with database.unit_of_work() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_an_update_of_a_card_not_yet_out_is_not_sent(
    database: Database,
    service: Clerk,
    emulator: Emulator,
    sender: OutboxWorker,
    clock: FakeClock,
) -> None:
    number = await report(service)
    async with database.unit_of_work() as uow:  # its card was given up (the group was gone)
        [card] = await uow.outbox.queued(clock.now(), 10, "someone")
        await uow.outbox.give_up(card.id, clock.now(), "Forbidden: bot was kicked")
        await uow.commit()
    await queue(database, Notice(NoticeKind.CARD_UPDATE, ROAD_CHAT, ticket_number=number))
    await deliver(sender)
    assert emulator.calls("editMessageText") == []
    async with database.unit_of_work() as uow:
        assert await uow.outbox.pending_count() == 0


async def test_a_row_another_sender_sent_meanwhile_is_not_sent_again(
    database: Database,
    service: Clerk,
    emulator: Emulator,
    bot: Bot,
    settings: Settings,
    taxonomy: Taxonomy,
    clock: FakeClock,
) -> None:
    await report(service)  # its card is queued with it
    # The late sender has queued the row, but its pacing holds the group until the test lets go.
    time_source, progress = FakeMonotonic(), Progress()
    held = FakeSleep(time_source, progress)
    held.holding.clear()
    late_pacer = Pacer(NO_PACING, time_source)
    late, _ = await leading_sender(database, bot, settings, clock, pacer=late_pacer, sleep=held)
    late_pacer.pause(ROAD_CHAT, 1.0)
    assert await late.load_due() == 1
    await progress.until(lambda: held.waiting == 1)

    first, _ = await leading_sender(database, bot, settings, clock)
    await deliver(first)
    assert len(emulator.sent_messages(ROAD_CHAT)) == 1

    held.holding.set()
    await asyncio.wait_for(late.wait_idle(), timeout=10)
    assert len(emulator.sent_messages(ROAD_CHAT)) == 1  # read again before sending: done
