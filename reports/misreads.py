"""The reader's misreads, as the ledger holds them. Each is a labelled example for learning
(tickets/understanding/learning.py): the words, what the reader made of them, what they became.

Three moves say the reader erred:
- a correction (CORRECT): a liaison, the street office's triage (a triage button is one) or the
  chief named the category it really is; the last one says what it became, unless a transfer
  came after it;
- "立案" on a message the reader took for chatter: a missed report, whatever its category;
- a transfer: a department sent it on. A transfer names a department, not a category; the
  category it became is the one of that department's categories that the reader, choosing among
  them alone, finds in the words.

"Read as" is what the reader said at the time when the report kept it (`read_as`), else the
category the ticket was registered with.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tickets.lifecycle import Action
from tickets.model import Event, Ticket
from tickets.roles import Role
from tickets.taxonomy import Taxonomy
from tickets.understanding import Intent, Reading, Understanding
from tickets.understanding.learning import Example


@dataclass(frozen=True, slots=True)
class Misread:
    number: int
    road: str
    read_as: str  # the category the reader chose ("" for a report it missed)
    became: str  # the category it has in the end
    first_department: str
    last_department: str
    example: Example


def misreads(tickets: Iterable[Ticket], taxonomy: Taxonomy) -> list[Misread]:
    """The tickets whose reading a correction, a "立案" or a transfer showed to be wrong."""
    choosers: dict[str, Understanding] = {}
    found = []
    for ticket in tickets:
        if not ticket.events or ticket.events[0].kind is not Action.REPORT:
            continue
        report = ticket.events[0]
        became = _became(ticket, taxonomy, choosers)
        read = _read(ticket, report)
        if became is None or (read.intent is Intent.REPORT and became == read.category):
            continue
        placed = any(e.kind is Action.CORRECT_PLACE for e in ticket.events)
        example = Example(
            ticket.text, Role.PUBLIC, read, became, ticket.location if placed else None
        )
        found.append(
            Misread(
                ticket.number,
                ticket.road,
                read.category or "",
                became,
                str(report.data.get("department", "")),
                ticket.department,
                example,
            )
        )
    return found


def _read(ticket: Ticket, report: Event) -> Reading:
    """What the reader made of the report when it came."""
    if report.data.get("registered_by") is not None:  # "立案": the reader had missed it
        intent = Intent(report.data.get("read_intent") or Intent.NONE.value)
        if intent is not Intent.REPORT:
            return Reading(intent)
    category = report.data.get("read_as") or report.data.get("category") or ticket.category
    return Reading(Intent.REPORT, str(category), ticket.location)


def _became(ticket: Ticket, taxonomy: Taxonomy, choosers: dict[str, Understanding]) -> str | None:
    """The category the desk made of it, or None when nobody said the reading was wrong."""
    moves = [e for e in ticket.events if e.kind in (Action.CORRECT, Action.TRANSFER)]
    if moves and moves[-1].kind is Action.CORRECT:
        return ticket.category
    if moves:
        return _category_within(ticket, taxonomy, choosers)
    if ticket.events[0].data.get("registered_by") is not None:
        return ticket.category
    return None


def _category_within(
    ticket: Ticket, taxonomy: Taxonomy, choosers: dict[str, Understanding]
) -> str | None:
    department = ticket.department
    if department not in choosers:
        categories = sorted(
            (c for c in taxonomy.categories.values() if c.department == department),
            key=lambda c: c.key,
        )
        if not categories:
            return None
        if len(categories) == 1:
            return categories[0].key
        choosers[department] = Understanding(categories, fallback_category=categories[0].key)
    reading = choosers[department].read(ticket.text, has_photo=False)
    if reading.category is not None:
        return reading.category
    return min(c.key for c in taxonomy.categories.values() if c.department == department)
