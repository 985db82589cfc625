"""`streetdesk tickets`: the ledger in the shell, as aligned text or JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tickets.model import Ticket

TIME_FIELDS = ("created_at", "acknowledged_at", "resolved_at", "closed_at")


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


def as_table(tickets: Sequence[Ticket], zone: ZoneInfo) -> str:
    header = (
        "#",
        "road",
        "category",
        "department",
        "state",
        "created",
        "acknowledged",
        "resolved",
        "closed",
    )
    rows = [header]
    for t in tickets:
        times = [_short(getattr(t, name), zone) for name in TIME_FIELDS]
        rows.append((f"#{t.number}", t.road, t.category, t.department, t.state.value, *times))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def _short(value: datetime | None, zone: ZoneInfo) -> str:
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M") if value else "-"


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
