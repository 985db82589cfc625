"""Triage: a report the reader is unsure of still becomes a ticket, in the fallback category
(其他), with the street office's triage (that category's department, `street_office` by
default); its card offers the categories the reader found likely, best first, as buttons.

Whatever the triage does with a ticket of the fallback category is a correction of the reading,
not a transfer (tickets/figures.py): sending the unknown on is the street office's job.
"""

from __future__ import annotations

from typing import Any

from tickets.model import Ticket
from tickets.routing import responsible_department
from tickets.taxonomy import Taxonomy
from tickets.understanding import Reading

# The most categories a triage card offers as buttons.
MAX_CHOICES = 3


def triage_department(taxonomy: Taxonomy, road: str | None) -> str:
    """Who triages on this road: the department of the fallback category."""
    return responsible_department(taxonomy, taxonomy.fallback_category, road)


def read_data(reading: Reading) -> dict[str, Any]:
    """What the reader said, kept with the report event: the ledger learns from it later
    (reports/misreads.py), and a triage card offers its alternatives."""
    data: dict[str, Any] = {"read_as": reading.category, "confidence": round(reading.confidence, 3)}
    if reading.unsure:
        data["triage"] = True
        data["alternatives"] = list(reading.alternatives)
    return data


def in_triage(ticket: Ticket, taxonomy: Taxonomy) -> bool:
    """Still waiting for the triage to say where it goes."""
    return (
        ticket.is_active
        and ticket.category == taxonomy.fallback_category
        and ticket.department == triage_department(taxonomy, ticket.road)
    )


def choices(ticket: Ticket, taxonomy: Taxonomy) -> list[str]:
    """The categories a triage card offers: the reader's alternatives, known and not the
    fallback, best first; none once the ticket has left triage."""
    if not in_triage(ticket, taxonomy) or not ticket.events:
        return []
    offered = ticket.events[0].data.get("alternatives") or []
    known = [
        str(key)
        for key in offered
        if key in taxonomy.categories and key != taxonomy.fallback_category
    ]
    return list(dict.fromkeys(known))[:MAX_CHOICES]


def category_within(ticket: Ticket, taxonomy: Taxonomy, department: str) -> str:
    """The category a ticket sent to `department` becomes: one the reader found likely, else
    the department's category whose keywords the report holds most, else its first; a
    department with no category of its own keeps the ticket's."""
    road = ticket.road
    own = [
        c
        for c in taxonomy.categories.values()
        if responsible_department(taxonomy, c.key, road) == department
    ]
    if not own:
        return ticket.category
    likely = ticket.events[0].data.get("alternatives") or [] if ticket.events else []
    for key in likely:
        if any(c.key == key for c in own):
            return str(key)
    text = ticket.text
    best = max(own, key=lambda c: sum(1 for word in c.keywords if word and word in text))
    return best.key
