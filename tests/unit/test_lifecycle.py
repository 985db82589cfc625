"""The lifecycle of lifecycle.md: legal moves, illegal ones refused loudly, every move an event."""

from datetime import timedelta

import pytest

from tests.conftest import local
from tickets.lifecycle import (
    ACTIVE_STATES,
    FINAL_STATES,
    Action,
    IllegalTransition,
    Note,
    State,
    allowed_actions,
    next_state,
)
from tickets.model import CloseReason, Deadlines, Photo, PhotoKind, Ticket

T0 = local("2026-11-18 10:00")
LIAISON, REPORTER, CHIEF = 5001, 42, 9001


def deadlines(at=T0) -> Deadlines:
    return Deadlines(ack_due=at + timedelta(hours=2), resolve_due=at + timedelta(hours=48))


def new_ticket() -> Ticket:
    return Ticket.report(
        number=7,
        road="胜利路",
        category="streetlight",
        department="lighting",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号",
        reporter_id=REPORTER,
        reporter_name="王老板",
        at=T0,
        deadlines=deadlines(),
        photos=(Photo("photo-1", PhotoKind.BEFORE),),
    )


def test_a_report_is_dispatched_with_its_first_event() -> None:
    ticket = new_ticket()
    assert ticket.state is State.DISPATCHED
    [event] = ticket.events
    assert (event.kind, event.from_state, event.to_state, event.by) == (
        Action.REPORT,
        None,
        State.DISPATCHED,
        REPORTER,
    )
    assert event.photos == (Photo("photo-1", PhotoKind.BEFORE),)


def test_the_whole_loop_records_who_and_when() -> None:
    ticket = new_ticket()
    ticket.acknowledge(by=LIAISON, at=T0 + timedelta(minutes=5))
    ticket.resolve(
        by=LIAISON,
        at=T0 + timedelta(hours=3),
        verify_due=T0 + timedelta(hours=27),
        photos=(Photo("after-1", PhotoKind.AFTER),),
    )
    ticket.confirm(by=REPORTER, at=T0 + timedelta(hours=4))
    assert ticket.state is State.CLOSED
    assert ticket.close_reason is CloseReason.CONFIRMED
    assert ticket.acknowledged_at == T0 + timedelta(minutes=5)
    assert ticket.resolved_at == T0 + timedelta(hours=3)
    assert ticket.closed_at == T0 + timedelta(hours=4)
    assert [e.kind for e in ticket.events] == [
        Action.REPORT,
        Action.ACKNOWLEDGE,
        Action.RESOLVE,
        Action.CONFIRM,
    ]
    assert [p.kind for p in ticket.photos] == [PhotoKind.BEFORE, PhotoKind.AFTER]


def test_resolving_without_acknowledging_first_also_stops_the_ack_clock() -> None:
    ticket = new_ticket()
    ticket.resolve(by=LIAISON, at=T0 + timedelta(hours=1), verify_due=T0 + timedelta(hours=25))
    assert ticket.acknowledged_at == T0 + timedelta(hours=1)


def test_an_illegal_move_is_an_error_that_says_what_is_possible() -> None:
    ticket = new_ticket()
    ticket.cancel(by=REPORTER, at=T0)
    with pytest.raises(IllegalTransition, match=r"#7 is cancelled; it cannot be acknowledged"):
        ticket.acknowledge(by=LIAISON, at=T0)
    assert ticket.state is State.CANCELLED
    assert len(ticket.events) == 2  # the refused move left no event


def test_confirming_before_it_is_resolved_is_refused() -> None:
    ticket = new_ticket()
    with pytest.raises(IllegalTransition, match=r"it can be: .*acknowledged"):
        ticket.confirm(by=REPORTER, at=T0)


def test_a_reopen_is_rework_and_restarts_the_clocks_like_a_dispatch() -> None:
    ticket = new_ticket()
    ticket.resolve(by=LIAISON, at=T0 + timedelta(hours=1), verify_due=T0 + timedelta(hours=25))
    later = T0 + timedelta(hours=2)
    ticket.reopen(by=REPORTER, at=later, deadlines=deadlines(later), note="还是不亮")
    assert ticket.state is State.REOPENED
    assert ticket.rework_count == 1
    assert ticket.ack_due == later + timedelta(hours=2)
    assert ticket.resolved_at is None and ticket.acknowledged_at is None
    assert ticket.is_active
    ticket.acknowledge(by=LIAISON, at=later + timedelta(minutes=1))
    assert ticket.state is State.ACKNOWLEDGED


def test_a_transfer_changes_department_counts_and_restarts_the_ack_clock() -> None:
    ticket = new_ticket()
    ticket.acknowledge(by=LIAISON, at=T0 + timedelta(minutes=1))
    later = T0 + timedelta(minutes=30)
    event = ticket.transfer(
        by=LIAISON, at=later, department="municipal", deadlines=deadlines(later)
    )
    assert (ticket.state, ticket.department, ticket.transfer_count) == (
        State.DISPATCHED,
        "municipal",
        1,
    )
    assert ticket.acknowledged_at is None
    assert event.data == {"from_department": "lighting", "to_department": "municipal"}
    with pytest.raises(ValueError, match="already with municipal"):
        ticket.transfer(by=LIAISON, at=later, department="municipal", deadlines=deadlines(later))


def test_an_extension_needs_a_reason_and_a_later_deadline() -> None:
    ticket = new_ticket()
    with pytest.raises(IllegalTransition):  # only an acknowledged ticket can be extended
        ticket.extend(by=LIAISON, at=T0, resolve_due=T0 + timedelta(days=9), note="等配件")
    ticket.acknowledge(by=LIAISON, at=T0)
    with pytest.raises(ValueError, match="reason"):
        ticket.extend(by=LIAISON, at=T0, resolve_due=T0 + timedelta(days=9), note=" ")
    with pytest.raises(ValueError, match="later"):
        ticket.extend(by=LIAISON, at=T0, resolve_due=T0, note="等配件")
    ticket.extend(by=LIAISON, at=T0, resolve_due=T0 + timedelta(days=9), note="等配件")
    assert (ticket.resolve_due, ticket.extension_count) == (T0 + timedelta(days=9), 1)


def test_the_verify_window_closes_without_objection_and_says_so() -> None:
    ticket = new_ticket()
    ticket.resolve(by=LIAISON, at=T0, verify_due=T0 + timedelta(hours=24))
    event = ticket.close_uncontested(at=T0 + timedelta(hours=24))
    assert ticket.close_reason is CloseReason.NO_OBJECTION
    assert event.by is None  # nobody acted: the bot recorded the silence


def test_notes_record_without_moving() -> None:
    ticket = new_ticket()
    ticket.record(Note.ALSO_REPORTED, by=43, at=T0, note="这里路灯也不亮")
    assert ticket.state is State.DISPATCHED
    assert ticket.events[-1].from_state == ticket.events[-1].to_state == State.DISPATCHED


def test_overdue_is_computed_from_due_times_not_stored() -> None:
    ticket = new_ticket()
    assert not ticket.overdue(T0 + timedelta(hours=1))
    assert ticket.ack_overdue(T0 + timedelta(hours=3))
    ticket.acknowledge(by=LIAISON, at=T0 + timedelta(hours=3))
    assert not ticket.ack_overdue(T0 + timedelta(hours=3))
    assert ticket.resolve_overdue(T0 + timedelta(hours=49))
    ticket.resolve(by=LIAISON, at=T0 + timedelta(hours=50), verify_due=T0 + timedelta(hours=74))
    assert not ticket.overdue(T0 + timedelta(hours=60))


def test_final_states_allow_nothing_but_a_closed_ticket_may_be_reopened() -> None:
    assert allowed_actions(State.CLOSED) == {Action.REOPEN}
    for state in FINAL_STATES - {State.CLOSED}:
        assert allowed_actions(state) == frozenset(), state
    for state in ACTIVE_STATES:
        assert Action.CLOSE in allowed_actions(state)


# Where each move takes a ticket, in words: a transfer dispatches it again to the new department;
# an extension or an edit leaves it where it was.
LEADS_TO = {
    Action.ACKNOWLEDGE: State.ACKNOWLEDGED,
    Action.RESOLVE: State.RESOLVED,
    Action.CONFIRM: State.CLOSED,
    Action.CLOSE_UNCONTESTED: State.CLOSED,
    Action.CLOSE: State.CLOSED,
    Action.REOPEN: State.REOPENED,
    Action.TRANSFER: State.DISPATCHED,
    Action.CORRECT: State.DISPATCHED,  # to the department it really is, like a transfer
    Action.MARK_DUPLICATE: State.DUPLICATE,
    Action.REJECT: State.REJECTED,
    Action.CANCEL: State.CANCELLED,
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("action", [a for a in Action if a is not Action.REPORT])
def test_every_state_action_pair_either_moves_where_it_says_or_refuses(
    state: State, action: Action
) -> None:
    if action in allowed_actions(state):
        assert next_state(state, action) == LEADS_TO.get(action, state)
    else:
        with pytest.raises(IllegalTransition, match=state.value):
            next_state(state, action)
