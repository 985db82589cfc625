"""Nothing sits unanswered quietly: what to do about a ticket whose deadline has passed.

At the missed deadline the liaisons are reminded, then again every `remind_every`; after the
first delay the department head is called, after the second the street chief, each once. At
night (quiet hours) nothing is sent for working-clock categories: what was due goes out once
when the quiet hours end. After `resolved`, silence past the verify window closes the ticket.
A ticket open for longer than `stale_after` is no longer re-pinged; the digest lists it instead.

The policy is pure: it reads a ticket and a moment and says what is due and when to look again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from tickets.calendar import Calendar
from tickets.durations import Duration
from tickets.lifecycle import Note
from tickets.model import Ticket
from tickets.taxonomy import ClockKind

# Whatever happens, the sweep looks at a ticket again no sooner than this: no busy loops.
MIN_GAP = timedelta(seconds=1)


class Step(StrEnum):
    REMIND = "remind"  # the department's liaisons, in the group
    HEAD = "head"  # the department head
    CHIEF = "chief"  # the street chief
    CLOSE = "close"  # the verify window passed without an objection


HEAD_AFTER = Duration(seconds=3600)
CHIEF_AFTER = Duration(seconds=3 * 3600)
LEVEL_OF = {Step.REMIND: 1, Step.HEAD: 2, Step.CHIEF: 3}


@dataclass(frozen=True, slots=True)
class ChasePolicy:
    remind_every: timedelta = timedelta(hours=2)
    head_after: Duration = HEAD_AFTER
    chief_after: Duration = CHIEF_AFTER
    quiet_start: time = time(22, 0)
    quiet_end: time = time(7, 0)
    stale_after: timedelta = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ChasePlan:
    deadline: str | None  # "ack", "resolve", "verify", or None for a final ticket
    steps: tuple[Step, ...] = ()
    next_at: datetime | None = None
    held: bool = False  # steps were due but quiet hours hold them
    stale: bool = False


class Chaser:
    def __init__(self, policy: ChasePolicy, calendar: Calendar) -> None:
        self._policy = policy
        self._calendar = calendar

    def plan(self, ticket: Ticket, clock: ClockKind, now: datetime) -> ChasePlan:
        watched = ticket.watched_deadline()
        if watched is None:
            return ChasePlan(None)
        kind, due = watched
        if now < due:
            return ChasePlan(kind, next_at=due)
        if kind == "verify":
            return ChasePlan(kind, (Step.CLOSE,))
        policy = self._policy
        same_chase = ticket.chased_deadline == f"{kind}@{due.isoformat()}"
        level = ticket.chase_level if same_chase else 0
        last = ticket.last_reminded_at if same_chase else None
        head_at = self._calendar.deadline(due, policy.head_after, clock)
        chief_at = self._calendar.deadline(due, policy.chief_after, clock)
        stale = now - ticket.created_at >= policy.stale_after

        steps: list[Step] = []
        if not stale and (level < 1 or (last is not None and now >= last + policy.remind_every)):
            steps.append(Step.REMIND)
        if level < 2 and now >= head_at:
            steps.append(Step.HEAD)
        if level < 3 and now >= chief_at:
            steps.append(Step.CHIEF)
        if steps and clock is ClockKind.WORKING and self.is_quiet(now):
            return ChasePlan(kind, next_at=self.quiet_ends_after(now), held=True, stale=stale)

        level_after = max([level, *(LEVEL_OF[s] for s in steps)])
        reminded_at = now if Step.REMIND in steps else last
        upcoming = []
        if not stale and reminded_at is not None:
            upcoming.append(reminded_at + policy.remind_every)
        if level_after < 2:
            upcoming.append(head_at)
        if level_after < 3:
            upcoming.append(chief_at)
        next_at = max(min(upcoming), now + MIN_GAP) if upcoming else None
        return ChasePlan(kind, tuple(steps), next_at, stale=stale)

    def apply(self, ticket: Ticket, plan: ChasePlan, now: datetime) -> None:
        """Record the steps on the ticket (each an event: the ledger shows every chase)."""
        ticket.rearm()  # a chase of another deadline starts from nothing
        for step in plan.steps:
            if step is Step.CLOSE:
                ticket.close_uncontested(at=now)
                return
            if step is Step.REMIND:
                ticket.record(Note.REMINDED, by=None, at=now, data={"deadline": plan.deadline})
                ticket.last_reminded_at = now
            else:
                ticket.record(
                    Note.ESCALATED,
                    by=None,
                    at=now,
                    data={"deadline": plan.deadline, "to": step.value},
                )
            ticket.chase_level = max(ticket.chase_level, LEVEL_OF[step])
        ticket.next_chase_at = plan.next_at

    def is_quiet(self, moment: datetime) -> bool:
        local = self._calendar.local(moment).time()
        start, end = self._policy.quiet_start, self._policy.quiet_end
        if start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end  # the night crosses midnight

    def quiet_ends_after(self, moment: datetime) -> datetime:
        local = self._calendar.local(moment)
        end = local.replace(
            hour=self._policy.quiet_end.hour,
            minute=self._policy.quiet_end.minute,
            second=0,
            microsecond=0,
        )
        if end <= local:
            end += timedelta(days=1)
        return end.astimezone(moment.tzinfo)
