"""Who may move a ticket: 谁主管谁负责, so only the department in charge (or the chief) handles it.

The rules are checked by the service before every move. A refusal says why in a code the bot
turns into a polite sentence; it never changes the ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tickets.lifecycle import Action, Note
from tickets.model import Ticket
from tickets.roles import Role


@dataclass(frozen=True, slots=True)
class Actor:
    """A person acting in one group: their role there and the departments they answer for."""

    user_id: int
    name: str = ""
    role: Role = Role.PUBLIC
    departments: frozenset[str] = frozenset()  # liaison or head of these departments
    username: str | None = None

    @property
    def is_chief(self) -> bool:
        return self.role is Role.CHIEF


class Refusal(StrEnum):
    NOT_IN_CHARGE = "not_in_charge"  # not a liaison of the ticket's department, nor the chief
    NOT_REPORTER = "not_reporter"  # only the reporter (or the chief) confirms or reopens
    CHIEF_ONLY = "chief_only"


class NotAllowed(Exception):
    def __init__(self, actor: Actor, action: Action, number: int, refusal: Refusal) -> None:
        super().__init__(
            f"user {actor.user_id} may not {action.value} ticket #{number}: {refusal.value}"
        )
        self.actor = actor
        self.action = action
        self.number = number
        self.refusal = refusal


_DEPARTMENT_ACTIONS = frozenset(
    {Action.ACKNOWLEDGE, Action.RESOLVE, Action.TRANSFER, Action.EXTEND, Action.MARK_DUPLICATE}
)
_REPORTER_ACTIONS = frozenset({Action.CONFIRM, Action.REOPEN, Action.CANCEL})
# Saying what a ticket really is, or where: its department, or the street office's triage.
_CORRECTIONS = frozenset({Action.CORRECT, Action.CORRECT_PLACE})


def reporters_of(ticket: Ticket) -> frozenset[int]:
    """The reporter and everyone whose report of the same problem was folded into this ticket."""
    ids = {e.by for e in ticket.events if e.kind is Note.ALSO_REPORTED and e.by is not None}
    if ticket.reporter_id is not None:
        ids.add(ticket.reporter_id)
    return frozenset(ids)


def check(actor: Actor, action: Action, ticket: Ticket, *, triage: str | None = None) -> None:
    """Raise NotAllowed unless `actor` may do `action` to `ticket`. The chief may do anything;
    `triage` is the department that triages on the ticket's road (tickets/triage.py)."""
    if actor.is_chief:
        return
    if action in _CORRECTIONS:
        if ticket.department not in actor.departments and triage not in actor.departments:
            raise NotAllowed(actor, action, ticket.number, Refusal.NOT_IN_CHARGE)
    elif action in _DEPARTMENT_ACTIONS:
        if ticket.department not in actor.departments:
            raise NotAllowed(actor, action, ticket.number, Refusal.NOT_IN_CHARGE)
    elif action is Action.EDIT:  # only the words of the one who wrote them
        if actor.user_id != ticket.reporter_id:
            raise NotAllowed(actor, action, ticket.number, Refusal.NOT_REPORTER)
    elif action in _REPORTER_ACTIONS:
        if actor.user_id not in reporters_of(ticket):
            raise NotAllowed(actor, action, ticket.number, Refusal.NOT_REPORTER)
    else:  # closing, rejecting and the bot's own moves are not for members to make
        raise NotAllowed(actor, action, ticket.number, Refusal.CHIEF_ONLY)


def may(actor: Actor, action: Action, ticket: Ticket, *, triage: str | None = None) -> bool:
    try:
        check(actor, action, ticket, triage=triage)
    except NotAllowed:
        return False
    return True
