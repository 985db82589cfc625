"""The reader's misreads, as the ledger holds them: every ticket a liaison or the chief sent to
another department was read into the wrong category. Each is a labelled example for learning
(tickets/understanding/learning.py): the words, what the reader made of them, what they became.

A transfer names a department, not a category; the category it became is the one of that
department's categories that the reader, choosing among them alone, finds in the words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tickets.lifecycle import Action
from tickets.model import Ticket
from tickets.roles import Role
from tickets.taxonomy import Taxonomy
from tickets.understanding import Intent, Reading, Understanding
from tickets.understanding.learning import Example


@dataclass(frozen=True, slots=True)
class Misread:
    number: int
    road: str
    read_as: str  # the category the reader chose
    became: str  # the category of the department that took it in the end
    first_department: str
    last_department: str
    example: Example


def misreads(tickets: Iterable[Ticket], taxonomy: Taxonomy) -> list[Misread]:
    """The tickets that ended with another department than the one their reading sent them to."""
    choosers: dict[str, Understanding] = {}
    found = []
    for ticket in tickets:
        first = _first_department(ticket)
        if first is None or ticket.department == first:
            continue
        became = _category_within(ticket, taxonomy, choosers)
        if became is None or became == ticket.category:
            continue
        reading = Reading(Intent.REPORT, ticket.category, ticket.location)
        example = Example(ticket.text, Role.PUBLIC, reading, became, ticket.location)
        found.append(
            Misread(
                ticket.number,
                ticket.road,
                ticket.category,
                became,
                first,
                ticket.department,
                example,
            )
        )
    return found


def _first_department(ticket: Ticket) -> str | None:
    """The department the reading sent it to: the one the first transfer took it from."""
    for event in ticket.events:
        if event.kind is Action.TRANSFER:
            return str(event.data.get("from_department", "")) or None
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
