"""The clock sweep: every tick, the tickets whose next look is due, and what the group hears.

One indexed query finds them (`next_chase_at <= now`), however many tickets are open. Each is
planned by the chase policy, its steps are recorded on it, and its next look is set; the notices
for a group are written with the moves, in the same transaction. When one sweep has many steps for
one group (the bot was down an hour), the group gets one summary instead of a flood.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from tickets.chasing import ChasePlan, Chaser, Step
from tickets.clock import Clock
from tickets.lifecycle import Action
from tickets.model import Ticket
from tickets.notices import Notice, NoticeKind
from tickets.ports import UnitOfWork
from tickets.taxonomy import ClockKind, Taxonomy

BATCH = 500


@dataclass
class SweepReport:
    looked_at: int = 0
    reminded: int = 0
    escalated: int = 0
    closed: int = 0
    held: int = 0
    summaries: int = 0
    by_step: dict[str, int] = field(default_factory=dict)


class Sweep:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        taxonomy: Taxonomy,
        chaser: Chaser,
        clock: Clock,
        summary_from: int = 3,
        batch: int = BATCH,
    ) -> None:
        self._uow = unit_of_work
        self._taxonomy = taxonomy
        self._chaser = chaser
        self._clock = clock
        self._summary_from = summary_from
        self._batch = batch

    async def run_once(self) -> SweepReport:
        now = self._clock.now()
        report = SweepReport()
        async with self._uow() as uow:
            crowded = await uow.tickets.crowded_places(now, self._summary_from)
        for place in crowded:
            await self._catch_up(place, now, report)
        while True:
            async with self._uow() as uow:
                due = await uow.tickets.due_for_chase(now, limit=self._batch)
                planned = [await self._chase(uow, ticket, now, report) for ticket in due]
                await self._tell_one_by_one(uow, planned)
                await uow.commit()
            report.looked_at += len(due)
            if len(due) < self._batch:
                return report

    async def _catch_up(
        self, place: tuple[int, int | None], now: datetime, report: SweepReport
    ) -> None:
        """Many steps due in one group at once (the bot was down): one summary, no flood.

        The cards are not edited one by one either; each shows its chase at its next change.
        """
        items: list[dict[str, object]] = []
        closed: list[int] = []
        while True:
            async with self._uow() as uow:
                due = await uow.tickets.due_for_chase(now, limit=self._batch, place=place)
                for ticket in due:
                    ticket, plan = await self._chase(uow, ticket, now, report)
                    if Step.CLOSE in plan.steps:
                        closed.append(ticket.number)
                    elif plan.steps:
                        items.append(
                            {
                                "number": ticket.number,
                                "deadline": plan.deadline,
                                "steps": [step.value for step in plan.steps],
                            }
                        )
                last = len(due) < self._batch
                if last and (items or closed):
                    chat_id, thread_id = place
                    await uow.outbox.add(
                        Notice(
                            NoticeKind.CHASE_SUMMARY,
                            chat_id,
                            thread_id,
                            data={"items": items, "closed": closed},
                        )
                    )
                    report.summaries += 1
                await uow.commit()
            report.looked_at += len(due)
            if last:
                return

    async def _chase(
        self, uow: UnitOfWork, ticket: Ticket, now: datetime, report: SweepReport
    ) -> tuple[Ticket, ChasePlan]:
        plan = self._chaser.plan(ticket, self._clock_of(ticket), now)
        self._chaser.apply(ticket, plan, now)
        await uow.tickets.save(ticket)
        _count(report, plan)
        return ticket, plan

    def _clock_of(self, ticket: Ticket) -> ClockKind:
        category = self._taxonomy.categories.get(ticket.category)
        return category.clock if category else ClockKind.WORKING

    async def _tell_one_by_one(
        self, uow: UnitOfWork, planned: list[tuple[Ticket, ChasePlan]]
    ) -> None:
        """A message for each step, then the card's edit: a chat's messages go out in order,
        so a card that shows a step proves the message about it was sent and recorded."""
        for ticket, plan in planned:
            if not plan.steps or ticket.chat_id is None:
                continue
            for step in plan.steps:
                if step is Step.CLOSE:
                    notice = Notice(
                        NoticeKind.MOVED,
                        ticket.chat_id,
                        ticket.thread_id,
                        ticket.number,
                        data={"action": Action.CLOSE_UNCONTESTED.value, "by_id": 0, "by_name": ""},
                    )
                else:
                    kind = NoticeKind.REMINDER if step is Step.REMIND else NoticeKind.ESCALATION
                    notice = Notice(
                        kind,
                        ticket.chat_id,
                        ticket.thread_id,
                        ticket.number,
                        data={"deadline": plan.deadline, "to": step.value},
                    )
                await uow.outbox.add(notice)
            await uow.outbox.add(
                Notice(NoticeKind.CARD_UPDATE, ticket.chat_id, ticket.thread_id, ticket.number)
            )


def _count(report: SweepReport, plan: ChasePlan) -> None:
    report.held += int(plan.held)
    for step in plan.steps:
        report.by_step[step.value] = report.by_step.get(step.value, 0) + 1
        if step is Step.REMIND:
            report.reminded += 1
        elif step is Step.CLOSE:
            report.closed += 1
        else:
            report.escalated += 1
