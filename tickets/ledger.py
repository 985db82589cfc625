"""The ledger (台账) a street office files: one flat row per ticket, read from its event history.

The rows are plain values (str, int, bool, None) so that any writer (CSV, JSON Lines, XLSX) can
take them as they are. Column keys and their order are a contract with outside scripts: add new
columns at the end, never rename or reorder.

Per-ticket facts only. Rates belong to tickets/figures.py; the on-time flags here follow the same
definitions (first acknowledgement against the first ack deadline, first resolution against the
current resolve deadline) so that counting the flags gives the numbers figures() works with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tickets.lifecycle import Action
from tickets.model import Event, PhotoKind, Ticket
from tickets.taxonomy import Taxonomy

COLUMNS: tuple[str, ...] = (
    "number",
    "road",
    "place",
    "category",
    "category_name",
    "gb",
    "department",
    "department_name",
    "state",
    "reporter_id",
    "reporter_name",
    "text",
    "created_at",
    "dispatched_at",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "close_reason",
    "ack_due",
    "resolve_due",
    "ack_on_time",
    "resolved_on_time",
    "rework_count",
    "transfer_count",
    "extension_count",
    "duplicate_of",
    "photos_before",
    "photos_after",
    "events",
)

# The columns holding a moment (ISO 8601 in the rows); writers that have a real date type use it.
TIME_COLUMNS: frozenset[str] = frozenset(
    {
        "created_at",
        "dispatched_at",
        "acknowledged_at",
        "resolved_at",
        "closed_at",
        "ack_due",
        "resolve_due",
    }
)


def ledger_rows(
    tickets: Iterable[Ticket], *, taxonomy: Taxonomy, zone: ZoneInfo
) -> list[dict[str, object]]:
    """One row per ticket, keys in COLUMNS order, ordered by ticket number.

    A ticket with odd data (a category or department no longer configured, no events) still
    gets a row: names fall back to the keys, missing moments to None. A filed ledger with a gap
    is better than no ledger.
    """
    return [_row(t, taxonomy, zone) for t in sorted(tickets, key=lambda t: t.number)]


def _row(ticket: Ticket, taxonomy: Taxonomy, zone: ZoneInfo) -> dict[str, object]:
    category = taxonomy.categories.get(ticket.category)
    department = taxonomy.departments.get(ticket.department)
    first_ack = _first(ticket.events, Action.ACKNOWLEDGE, Action.RESOLVE)
    first_resolve = _first(ticket.events, Action.RESOLVE)
    last_resolve = _last(ticket.events, Action.RESOLVE)
    first_ack_due = _first_ack_due(ticket)
    resolve_due = _aware(ticket.resolve_due)

    def iso(moment: datetime | None) -> str | None:
        return None if moment is None else _aware(moment).astimezone(zone).isoformat()

    return {
        "number": ticket.number,
        "road": ticket.road,
        "place": ticket.location or "",
        "category": ticket.category,
        "category_name": category.name if category else ticket.category,
        "gb": category.gb if category else "",
        "department": ticket.department,
        "department_name": department.name if department else ticket.department,
        "state": str(ticket.state),
        "reporter_id": ticket.reporter_id,
        "reporter_name": ticket.reporter_name,
        "text": ticket.text,
        "created_at": iso(ticket.created_at),
        # The last (re)dispatch, as on the ticket: after a transfer or a reopen it is when the
        # current department got it; created_at keeps the first.
        "dispatched_at": iso(ticket.dispatched_at),
        "acknowledged_at": iso(first_ack),
        "resolved_at": iso(last_resolve),
        "closed_at": iso(ticket.closed_at),
        "close_reason": str(ticket.close_reason) if ticket.close_reason else "",
        "ack_due": iso(first_ack_due),
        "resolve_due": iso(resolve_due),
        "ack_on_time": None if first_ack is None else first_ack <= first_ack_due,
        "resolved_on_time": None if first_resolve is None else first_resolve <= resolve_due,
        "rework_count": ticket.rework_count,
        "transfer_count": ticket.transfer_count,
        "extension_count": ticket.extension_count,
        "duplicate_of": ticket.duplicate_of,
        "photos_before": _photo_ids(ticket, PhotoKind.BEFORE),
        "photos_after": _photo_ids(ticket, PhotoKind.AFTER),
        "events": len(ticket.events),
    }


def _first(events: Iterable[Event], *kinds: Action) -> datetime | None:
    """The earliest event of these kinds.

    For the acknowledgement that is the earliest of 签收 and 处置: a liaison who fixes it at once
    has acknowledged it by fixing it (model.py), and an acknowledgement after a later reopen is
    not the first one. This is the moment figures() counts for the on-time ack rate.
    """
    moments = [_aware(e.at) for e in events if e.kind in kinds]
    return min(moments) if moments else None


def _last(events: Iterable[Event], kind: Action) -> datetime | None:
    moments = [_aware(e.at) for e in events if e.kind == kind]
    return max(moments) if moments else None


def _first_ack_due(ticket: Ticket) -> datetime:
    """The ack deadline the ticket was first given, kept in the REPORT event: a transfer or a
    reopen moves ticket.ack_due, but the on-time ack flag is judged against the first one."""
    for event in ticket.events:
        if event.kind == Action.REPORT:
            recorded = event.data.get("ack_due")
            if isinstance(recorded, str):
                try:
                    return _aware(datetime.fromisoformat(recorded))
                except ValueError:
                    break  # a damaged record: the ticket's own deadline is the best left
            break
    return _aware(ticket.ack_due)


def _aware(moment: datetime) -> datetime:
    # The database hands back aware UTC datetimes (storage/types.py); a naive one can only come
    # from odd data, and comparing it with an aware one would raise, so read it as UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _photo_ids(ticket: Ticket, kind: PhotoKind) -> str:
    return " ".join(p.file_id for p in ticket.photos if p.kind == kind)
