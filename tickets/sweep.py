"""The clock sweep: every tick, the tickets whose next look is due, and what the group hears.

One indexed query finds them (`next_chase_at <= now`), however many tickets are open. Each is
planned by the chase policy, its steps are recorded on it, and its next look is set; the notices
for a group are written with the moves, in the same transaction. When one sweep has many steps for
one group (the bot was down an hour), the group gets one summary instead of a flood.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

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
        while True:
            async with self._uow() as uow:
                due = await uow.tickets.due_for_chase(now, limit=self._batch)
                planned = []
                for ticket in due:
                    plan = self._chaser.plan(ticket, self._clock_of(ticket), now)
                    self._chaser.apply(ticket, plan, now)
                    await uow.tickets.save(ticket)
                    planned.append((ticket, plan))
                    _count(report, plan)
                report.summaries += await self._tell(uow, planned)
                await uow.commit()
            report.looked_at += len(due)
            if len(due) < self._batch:
                return report

    def _clock_of(self, ticket: Ticket) -> ClockKind:
        category = self._taxonomy.categories.get(ticket.category)
        return category.clock if category else ClockKind.WORKING

    async def _tell(self, uow: UnitOfWork, planned: list[tuple[Ticket, ChasePlan]]) -> int:
        """Write the notices; return how many groups got a summary instead of single messages.

        The word in the group comes first, the card's edit after it: a chat's messages go out in
        order, so a card that shows a step proves the message about it was sent and recorded.
        """
        chased: dict[tuple[int, int | None], list[tuple[Ticket, ChasePlan]]] = defaultdict(list)
        touched: list[Ticket] = []
        for ticket, plan in planned:
            if not plan.steps or ticket.chat_id is None:
                continue
            touched.append(ticket)
            if Step.CLOSE in plan.steps:
                await uow.outbox.add(
                    Notice(
                        NoticeKind.MOVED,
                        ticket.chat_id,
                        ticket.thread_id,
                        ticket.number,
                        data={"action": Action.CLOSE_UNCONTESTED.value, "by_id": 0, "by_name": ""},
                    )
                )
            else:
                chased[(ticket.chat_id, ticket.thread_id)].append((ticket, plan))
        summaries = 0
        for (chat_id, thread_id), items in chased.items():
            if len(items) >= self._summary_from:
                summaries += 1
                await uow.outbox.add(
                    Notice(
                        NoticeKind.CHASE_SUMMARY,
                        chat_id,
                        thread_id,
                        data={
                            "items": [
                                {
                                    "number": t.number,
                                    "deadline": p.deadline,
                                    "steps": [s.value for s in p.steps],
                                }
                                for t, p in items
                            ]
                        },
                    )
                )
                continue
            for ticket, plan in items:
                for step in plan.steps:
                    kind = NoticeKind.REMINDER if step is Step.REMIND else NoticeKind.ESCALATION
                    await uow.outbox.add(
                        Notice(
                            kind,
                            chat_id,
                            thread_id,
                            ticket.number,
                            data={"deadline": plan.deadline, "to": step.value},
                        )
                    )
        for ticket in touched:
            await uow.outbox.add(
                Notice(NoticeKind.CARD_UPDATE, ticket.chat_id, ticket.thread_id, ticket.number)
            )
        return summaries


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
