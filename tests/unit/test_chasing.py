"""The chase rules with explicit local times: reminders, escalation, quiet hours, verify, stale."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import local
from tickets.calendar import Calendar
from tickets.chasing import ChasePolicy, Chaser, Step
from tickets.durations import Duration
from tickets.lifecycle import Note, State
from tickets.model import CloseReason, Ticket
from tickets.routing import deadlines_for
from tickets.taxonomy import ClockKind, Taxonomy

POLICY = ChasePolicy(
    remind_every=timedelta(hours=2),
    head_after=Duration(seconds=3600),
    chief_after=Duration(seconds=3 * 3600),
    stale_after=timedelta(days=7),
)


@pytest.fixture
def chaser(calendar: Calendar) -> Chaser:
    return Chaser(POLICY, calendar)


def reported(taxonomy: Taxonomy, calendar: Calendar, category: str, at: datetime) -> Ticket:
    return Ticket.report(
        number=1,
        road="胜利路",
        category=category,
        department=taxonomy.category(category).department,
        text="…",
        location=None,
        reporter_id=42,
        reporter_name="王老板",
        at=at,
        deadlines=deadlines_for(taxonomy, calendar, category, at),
        chat_id=-100,
    )


def sweep(
    chaser: Chaser, ticket: Ticket, at: str, clock: ClockKind = ClockKind.WORKING
) -> tuple[Step, ...]:
    """What a sweep at local time `at` does to the ticket (and records it, as the sweep would)."""
    now = local(at)
    plan = chaser.plan(ticket, clock, now)
    chaser.apply(ticket, plan, now)
    return plan.steps


def test_nothing_happens_before_the_deadline(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-18 10:00"))
    assert ticket.next_chase_at == local("2026-11-18 12:00")  # the sweep will look at the due
    assert sweep(chaser, ticket, "2026-11-18 11:59") == ()


def test_at_the_missed_ack_deadline_the_liaisons_are_reminded_once(
    chaser, taxonomy, calendar
) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-18 10:00"))
    assert sweep(chaser, ticket, "2026-11-18 12:00") == (Step.REMIND,)
    assert sweep(chaser, ticket, "2026-11-18 12:30") == ()  # never more often than remind_every
    assert ticket.events[-1].kind is Note.REMINDED
    assert ticket.events[-1].data == {"deadline": "ack"}


def test_the_head_then_the_chief_are_called_each_once(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-18 10:00"))
    sweep(chaser, ticket, "2026-11-18 12:00")
    assert ticket.next_chase_at == local("2026-11-18 13:00")  # 1 working hour after the due
    assert sweep(chaser, ticket, "2026-11-18 13:00") == (Step.HEAD,)
    assert sweep(chaser, ticket, "2026-11-18 14:00") == (Step.REMIND,)  # 2 h after the first
    assert sweep(chaser, ticket, "2026-11-18 15:00") == (Step.CHIEF,)
    assert sweep(chaser, ticket, "2026-11-18 15:30") == ()
    escalations = [e.data["to"] for e in ticket.events if e.kind is Note.ESCALATED]
    assert escalations == ["head", "chief"]


def test_escalation_delays_count_working_hours(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-20 16:00"))  # Friday
    sweep(chaser, ticket, "2026-11-20 18:00")  # due at the end of the day
    plan = chaser.plan(ticket, ClockKind.WORKING, local("2026-11-20 18:00:01"))
    assert plan.steps == ()
    sweep(chaser, ticket, "2026-11-23 09:59")  # Monday
    assert sweep(chaser, ticket, "2026-11-23 10:00") == (Step.HEAD,)  # 1 working hour later


def test_quiet_hours_hold_reminders_until_morning_and_send_them_once(
    chaser, taxonomy, calendar
) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-18 16:00"))
    sweep(chaser, ticket, "2026-11-18 18:00")
    sweep(chaser, ticket, "2026-11-18 20:00")  # the 2-hourly reminder, not yet quiet
    held = chaser.plan(ticket, ClockKind.WORKING, local("2026-11-18 22:30"))
    assert held.held and held.steps == ()
    assert held.next_at == local("2026-11-19 07:00")
    chaser.apply(ticket, held, local("2026-11-18 22:30"))
    assert sweep(chaser, ticket, "2026-11-19 07:00") == (Step.REMIND,)
    assert sweep(chaser, ticket, "2026-11-19 07:01") == ()


def test_safety_items_are_chased_through_the_night(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "manhole", local("2026-11-18 23:00"))  # ack 30 min
    assert sweep(chaser, ticket, "2026-11-18 23:30", ClockKind.ALWAYS) == (Step.REMIND,)
    assert sweep(chaser, ticket, "2026-11-19 00:30", ClockKind.ALWAYS) == (Step.HEAD,)


def test_a_new_deadline_starts_a_new_chase(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "garbage", local("2026-11-18 09:00"))  # ack 1h
    sweep(chaser, ticket, "2026-11-18 10:00")
    sweep(chaser, ticket, "2026-11-18 11:00")
    assert ticket.chase_level == 2
    ticket.acknowledge(by=5003, at=local("2026-11-18 11:05"))
    assert (ticket.chase_level, ticket.next_chase_at) == (0, ticket.resolve_due)
    assert sweep(chaser, ticket, "2026-11-18 17:00") == (Step.REMIND,)  # resolve due 17:00
    assert ticket.events[-1].data == {"deadline": "resolve"}


def test_silence_after_resolution_closes_without_objection(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "streetlight", local("2026-11-18 10:00"))
    ticket.resolve(by=5001, at=local("2026-11-18 11:00"), verify_due=local("2026-11-19 11:00"))
    assert ticket.next_chase_at == local("2026-11-19 11:00")
    assert sweep(chaser, ticket, "2026-11-19 10:59") == ()
    assert sweep(chaser, ticket, "2026-11-19 11:00") == (Step.CLOSE,)
    assert (ticket.state, ticket.close_reason) == (State.CLOSED, CloseReason.NO_OBJECTION)
    assert ticket.next_chase_at is None


def test_a_ticket_open_for_days_is_no_longer_re_pinged(chaser, taxonomy, calendar) -> None:
    ticket = reported(taxonomy, calendar, "illegal_construction", local("2026-11-02 10:00"))
    sweep(chaser, ticket, "2026-11-02 14:00")  # ack 4h: reminded
    sweep(chaser, ticket, "2026-11-02 16:00")
    sweep(chaser, ticket, "2026-11-03 09:00")
    assert sweep(chaser, ticket, "2026-11-10 10:00") == ()  # a week on: stale, left to the digest
    assert ticket.next_chase_at is None


def test_quiet_hours_that_do_not_cross_midnight(calendar) -> None:
    chaser = Chaser(
        ChasePolicy(
            quiet_start=local("2026-11-18 12:00").time(), quiet_end=local("2026-11-18 14:00").time()
        ),
        calendar,
    )
    assert chaser.is_quiet(local("2026-11-18 13:00"))
    assert not chaser.is_quiet(local("2026-11-18 14:00"))
    assert chaser.quiet_ends_after(local("2026-11-18 13:00")) == local("2026-11-18 14:00")
