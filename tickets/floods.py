"""How much of a group's attention one member, or the whole group, may take in an hour.

Every report is kept: it becomes a ticket, or joins the open ticket of the same problem, with
its deadlines, its department and its place in the ledger, /status and the digests. What the
limits decide is only whether the group hears of it message by message:

- A repeat of the same problem is answered once per person and ticket: the reporter had the
  card, anyone else one "already reported as #N"; later repeats are recorded on the ticket and
  its card is edited (an edit does not spend the group's twenty messages a minute).
- A member who filed `per_person` reports in the last `window` gets no card for the next ones:
  they are tickets without a card of their own. When the limit is first crossed, the group is
  told once which number the quiet tickets start from, so a liaison can find them in /status.
- A group that filed `per_group` reports in the window likewise (many members, or many
  accounts, flooding together).

Why tickets without a card rather than cards held back for later: held cards would still be a
flood, only later, and would still sit in the group's queue ahead of the next genuine report; a
quiet ticket costs the group nothing while nobody's report is lost. The street chief is not
limited: the chief files for others and is the one who deals with a flood.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tickets.flood_limits import FloodLimits
from tickets.lifecycle import Note
from tickets.model import Ticket


class Crossed(StrEnum):
    """Whose limit a report is the first one over: the group is told once."""

    PERSON = "person"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Verdict:
    carded: bool  # the report gets its own message (a card, or "already reported as #N")
    crossed: Crossed | None = None  # the first report over a limit in this window


def judge(limits: FloodLimits, *, by_person: int, in_group: int, chief: bool = False) -> Verdict:
    """Whether a report gets its message, given the reports filed in the window before it by
    the same member (`by_person`) and in the same group (`in_group`). A count equal to its
    limit makes this report the first one over it: the group is told (the member's limit
    first, when both are crossed at once)."""
    if chief:
        return Verdict(carded=True)
    carded = by_person < limits.per_person and in_group < limits.per_group
    crossed = None
    if by_person == limits.per_person:
        crossed = Crossed.PERSON
    elif in_group == limits.per_group:
        crossed = Crossed.GROUP
    return Verdict(carded=carded, crossed=crossed)


def answered_before(ticket: Ticket, user_id: int) -> bool:
    """Whether `user_id` has already been answered about `ticket`: they reported it (the card
    was their answer) or reported it again before (that repeat was)."""
    if ticket.reporter_id == user_id:
        return True
    return any(event.kind == Note.ALSO_REPORTED and event.by == user_id for event in ticket.events)
