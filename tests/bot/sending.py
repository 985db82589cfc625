"""The outbox sender as the app builds it, for tests: leading (it holds the lease), on a given
Telegram (the emulator's bot, or a fake that records calls), with the pacing and sleep given."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import Bot

from bot.answer_plans import AnswerPlans
from bot.database import Database
from bot.delivery import Delivery
from bot.notice_plans import NoticePlans
from bot.outbox_worker import OutboxWorker
from bot.pacing import Limits, Pacer
from bot.people_lookup import PeopleLookup
from bot.rendering import renderer_for
from bot.settings import Settings
from bot.texts import Texts
from reports.ledger_files import LedgerFiles
from scheduler.leadership import Leadership
from tests.conftest import SHANGHAI
from tickets.assessment import Assessment
from tickets.clock import FakeClock

HOLDER = "test-sender"
NO_PACING = Limits(per_chat_per_minute=10**6, per_chat_interval=0.0, global_per_second=10**6)


async def leading_sender(
    database: Database,
    bot: Bot | Any,
    settings: Settings,
    clock: FakeClock,
    *,
    limits: Limits = NO_PACING,
    monotonic: Callable[[], float] = time.monotonic,
    pacer: Pacer | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    admin_ids: tuple[int, ...] = (),
) -> tuple[OutboxWorker, Leadership]:
    """The sender of the process that leads: it has taken the lease (for five minutes)."""
    leadership = Leadership(
        unit_of_work=database.unit_of_work,
        clock=clock,
        lease_for=timedelta(minutes=5),
        holder=HOLDER,
    )
    assert await leadership.renew()
    taxonomy = settings.taxonomy()
    renderer = renderer_for(settings, taxonomy)
    people = PeopleLookup(bot=bot, taxonomy=taxonomy)
    assessment = Assessment(taxonomy=taxonomy, calendar=settings.calendar())
    delivery = Delivery(
        database=database,
        bot=bot,
        notices=NoticePlans(renderer=renderer, people=people, clock=clock),
        answers=AnswerPlans(
            renderer=renderer,
            people=people,
            assessment=assessment,
            ledger_files=LedgerFiles(
                assessment=assessment,
                taxonomy=taxonomy,
                zone=SHANGHAI,
                language=settings.language,
                words=Texts(settings.language).get,
            ),
            clock=clock,
        ),
        clock=clock,
        holder=HOLDER,
        leading=lambda: leadership.leading,
        admin_ids=admin_ids,
    )
    sender = OutboxWorker(
        database=database,
        delivery=delivery,
        clock=clock,
        pacer=pacer or Pacer(limits, monotonic),
        holder=HOLDER,
        may_send=lambda: leadership.leading,
        sleep=sleep,
    )
    return sender, leadership


async def deliver(sender: OutboxWorker) -> None:
    """Until nothing due is left to send."""
    while await sender.load_due():
        await asyncio.wait_for(sender.wait_idle(), timeout=10)
