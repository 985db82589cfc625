"""The states of a ticket and the only moves between them (lifecycle.md), in one table.

An action that the table does not allow from the current state raises IllegalTransition with a
sentence a person can read; nothing is ever silently ignored.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    DISPATCHED = "dispatched"  # 已派遣: the ack clock runs
    ACKNOWLEDGED = "acknowledged"  # 已签收: the department has it
    RESOLVED = "resolved"  # 已处置: the department says it is handled; waiting for the reporter
    CLOSED = "closed"  # 已结案: verified
    REOPENED = "reopened"  # 返工: not fixed after all; clocks restart like a dispatch
    DUPLICATE = "duplicate"  # 重复: the same problem is already open
    REJECTED = "rejected"  # 不予立案: not a city-management problem
    CANCELLED = "cancelled"  # 已撤销: the reporter withdrew it


class Action(StrEnum):
    REPORT = "report"
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"
    CONFIRM = "confirm"  # the reporter says it is fixed
    CLOSE_UNCONTESTED = "close_uncontested"  # the verify window passed with no objection
    CLOSE = "close"  # the street chief closes it
    REOPEN = "reopen"
    TRANSFER = "transfer"  # 转派: "not ours", to another department
    EXTEND = "extend"  # 延期: a new resolve deadline, with a reason
    MARK_DUPLICATE = "mark_duplicate"
    REJECT = "reject"
    CANCEL = "cancel"
    EDIT = "edit"  # the reporter edited the report before anyone acknowledged it
    # A liaison, the triage or the chief says what it really is: another category (and so,
    # perhaps, another department, with new clocks). Not a transfer: the reading erred, not
    # the dispatch, so accurate dispatch does not count it (tickets/figures.py).
    CORRECT = "correct"
    CORRECT_PLACE = "correct_place"  # ... or where it really is; no clock moves


class Note(StrEnum):
    """Events that change no state but belong in the ledger."""

    ALSO_REPORTED = "also_reported"  # somebody else reported the same problem
    PHOTO_ADDED = "photo_added"
    EXTENSION_REQUESTED = "extension_requested"  # a liaison asks the chief for more time
    REMINDED = "reminded"
    ESCALATED = "escalated"


D, A, R, C, RE = (
    State.DISPATCHED,
    State.ACKNOWLEDGED,
    State.RESOLVED,
    State.CLOSED,
    State.REOPENED,
)
# The department still has to act in these states: deadlines apply, overdue is possible.
ACTIVE_STATES = frozenset({D, A, RE})
# Not finished: active, or resolved and waiting for the reporter.
OPEN_STATES = ACTIVE_STATES | {R}
FINAL_STATES = frozenset({C, State.DUPLICATE, State.REJECTED, State.CANCELLED})

_TRANSITIONS: dict[Action, dict[State, State]] = {
    Action.ACKNOWLEDGE: {D: A, RE: A},
    # A liaison who fixes it at once need not acknowledge first ("已修好" straight away).
    Action.RESOLVE: {D: R, A: R, RE: R},
    Action.CONFIRM: {R: C},
    Action.CLOSE_UNCONTESTED: {R: C},
    Action.CLOSE: {D: C, A: C, R: C, RE: C},
    Action.REOPEN: {R: RE, C: RE},
    # A department may find out after acknowledging that the problem is not theirs.
    Action.TRANSFER: {D: D, A: D, RE: D},
    Action.EXTEND: {A: A, RE: RE},
    Action.MARK_DUPLICATE: {D: State.DUPLICATE, A: State.DUPLICATE, RE: State.DUPLICATE},
    Action.REJECT: {D: State.REJECTED, A: State.REJECTED, RE: State.REJECTED},
    Action.EDIT: {D: D},
    # Like a transfer: the department it now goes to has not acknowledged it yet.
    Action.CORRECT: {D: D, A: D, RE: D},
    Action.CORRECT_PLACE: {D: D, A: A, RE: RE, R: R},
    Action.CANCEL: {
        D: State.CANCELLED,
        A: State.CANCELLED,
        RE: State.CANCELLED,
        R: State.CANCELLED,
    },
}

_DOING = {
    Action.ACKNOWLEDGE: "acknowledged",
    Action.RESOLVE: "resolved",
    Action.CONFIRM: "confirmed",
    Action.CLOSE_UNCONTESTED: "closed without objection",
    Action.CLOSE: "closed",
    Action.REOPEN: "reopened",
    Action.TRANSFER: "transferred",
    Action.EXTEND: "extended",
    Action.MARK_DUPLICATE: "marked as a duplicate",
    Action.REJECT: "rejected",
    Action.CANCEL: "cancelled",
    Action.EDIT: "edited",
    Action.CORRECT: "corrected",
    Action.CORRECT_PLACE: "given another place",
}


class IllegalTransition(Exception):
    def __init__(self, number: int | None, state: State, action: Action) -> None:
        allowed = sorted(_DOING[a] for a, moves in _TRANSITIONS.items() if state in moves)
        what = f"ticket #{number}" if number is not None else "a ticket"
        super().__init__(
            f"{what} is {state.value}; it cannot be {_DOING.get(action, action.value)} "
            f"(from {state.value} it can be: {', '.join(allowed) or 'nothing, it is final'})"
        )
        self.number = number
        self.state = state
        self.action = action


def next_state(state: State, action: Action, *, number: int | None = None) -> State:
    """Where `action` takes a ticket in `state`, or IllegalTransition."""
    try:
        return _TRANSITIONS[action][state]
    except KeyError:
        raise IllegalTransition(number, state, action) from None


def allowed_actions(state: State) -> frozenset[Action]:
    return frozenset(a for a, moves in _TRANSITIONS.items() if state in moves)
