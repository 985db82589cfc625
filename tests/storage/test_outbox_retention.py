"""Sent messages are forgotten after [database] keep_sent; unsent ones never, nor the ledger."""

from __future__ import annotations

from datetime import timedelta

from bot.app import forget_processed_updates
from bot.database import Database
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.notices import Notice, NoticeKind
from tickets.permissions import Actor

CHAT = -1001000000001
KEEP_INBOX = timedelta(days=7)
KEEP_SENT = timedelta(days=30)


async def queue_texts(database: Database, clock: FakeClock, *texts: str) -> list[int]:
    async with database.unit_of_work() as uow:
        for text in texts:
            await uow.outbox.add(Notice(NoticeKind.TEXT, CHAT, data={"html": text}))
        await uow.commit()
    async with database.unit_of_work() as uow:
        return [row.id for row in await uow.outbox.queued(clock.now(), 100, "test")]


async def mark_sent(database: Database, clock: FakeClock, row_id: int) -> None:
    async with database.unit_of_work() as uow:
        await uow.outbox.sent(row_id, clock.now(), 100 + row_id)
        await uow.commit()


async def test_sent_rows_go_after_their_keeping_unsent_ones_and_the_ledger_stay(
    database: Database, clock: FakeClock, service: Clerk
) -> None:
    made = await service.report(
        category="streetlight", text="路灯不亮", location="胜利路8号", reporter=Actor(42, "王老板")
    )
    # The report queued its card first, then the three notices.
    card, old, recent, waiting = await queue_texts(database, clock, "旧通知", "新通知", "待发")
    await mark_sent(database, clock, old)
    await mark_sent(database, clock, card)
    clock.advance(timedelta(days=25))
    await mark_sent(database, clock, recent)
    clock.advance(timedelta(days=10))  # old and the card: 35 days ago; recent: 10
    assert await forget_processed_updates(database, clock, KEEP_INBOX, keep_sent=KEEP_SENT) == 2
    async with database.unit_of_work() as uow:
        assert [row.id for row in await uow.outbox.queued(clock.now(), 100, "test")] == [waiting]
        assert await uow.outbox.to_send(recent) is None  # still there, sent: not to send again
        assert await uow.outbox.forget_done(clock.now() - KEEP_SENT) == 0  # recent stays
        ticket = await uow.tickets.get(made.ticket.number)
    assert ticket is not None and ticket.text == "路灯不亮"  # the ledger is never pruned
