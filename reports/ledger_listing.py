"""`streetdesk tickets`: the ledger in the shell, as aligned text or JSON Lines.

The table is for a person at the office and speaks the configured language (column titles,
category and department names, states in words); JSON Lines is for scripts and keeps the keys.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reports.export import COLUMN_TITLES, Words
from tickets.lifecycle import OPEN_STATES, State
from tickets.model import Ticket
from tickets.taxonomy import Taxonomy

TIME_FIELDS = ("created_at", "acknowledged_at", "resolved_at", "closed_at")

# `--state open`: what an office calls open, every ticket not finished one way or another
# (resolved ones too: they wait for the reporter's word).
OPEN = "open"
STATE_CHOICES: tuple[str, ...] = (OPEN, *(s.value for s in State))

TABLE_COLUMNS: tuple[str, ...] = (
    "number",
    "road",
    "place",
    "category",
    "department",
    "state",
    *TIME_FIELDS,
)


def states_for(choice: str | None) -> frozenset[State] | None:
    """The states a `--state` choice stands for; None for every state."""
    if choice is None:
        return None
    return OPEN_STATES if choice == OPEN else frozenset({State(choice)})


def ticket_record(ticket: Ticket, zone: ZoneInfo) -> dict[str, Any]:
    """The fields outside scripts rely on, times in ISO 8601 with the local offset."""
    record: dict[str, Any] = {
        "number": ticket.number,
        "road": ticket.road,
        "category": ticket.category,
        "department": ticket.department,
        "state": ticket.state.value,
        "location": ticket.location,
    }
    for name in TIME_FIELDS:
        value: datetime | None = getattr(ticket, name)
        record[name] = value.astimezone(zone).isoformat() if value else None
    return record


def as_json_lines(tickets: Sequence[Ticket], zone: ZoneInfo) -> str:
    return "".join(json.dumps(ticket_record(t, zone), ensure_ascii=False) + "\n" for t in tickets)


def as_table(
    tickets: Sequence[Ticket],
    zone: ZoneInfo,
    *,
    taxonomy: Taxonomy,
    language: str,
    words: Words,
) -> str:
    """One aligned line per ticket under titles in `language`; names and states in words."""
    titles = COLUMN_TITLES.get(language, COLUMN_TITLES["en"])
    rows: list[tuple[str, ...]] = [tuple(titles[key] for key in TABLE_COLUMNS)]
    for t in tickets:
        rows.append(
            (
                f"#{t.number}",
                t.road,
                t.location or "-",
                _category_name(taxonomy, t.category, language),
                _department_name(taxonomy, t.department, language),
                words(f"state.{t.state.value}", t.state.value),
                *(_short(getattr(t, name), zone) for name in TIME_FIELDS),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(TABLE_COLUMNS))]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _category_name(taxonomy: Taxonomy, key: str, language: str) -> str:
    category = taxonomy.categories.get(key)
    if category is None:
        return key  # no longer configured: its key is all we know
    if language == "en" and category.name_en:
        return category.name_en
    return category.name or key


def _department_name(taxonomy: Taxonomy, key: str, language: str) -> str:
    department = taxonomy.departments.get(key)
    if department is None:
        return key
    if language == "en" and department.name_en:
        return department.name_en
    return department.name or key


def _short(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else "-"


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
