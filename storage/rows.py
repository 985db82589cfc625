"""The one way between rows and a Ticket: columns in, columns out, a history from its rows.

Every read of a ticket, by whichever repository and query, turns its row into a Ticket here, and
its events and photos into a history here; every write takes its columns from here. A field
added to Ticket is then added once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storage.models import EventRow, PhotoRow, TicketRow
from tickets.lifecycle import Action, Note, State
from tickets.model import CloseReason, Event, Photo, PhotoKind, Ticket

TICKETS = TicketRow.__table__
EVENTS = EventRow.__table__
PHOTOS = PhotoRow.__table__

# Plain columns copied between Ticket and its row under the same name.
_COPIED = (
    "number",
    "road",
    "chat_id",
    "thread_id",
    "category",
    "department",
    "text",
    "location",
    "reporter_id",
    "reporter_name",
    "created_at",
    "dispatched_at",
    "ack_due",
    "resolve_due",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "verify_due",
    "rework_count",
    "transfer_count",
    "extension_count",
    "duplicate_of",
    "next_chase_at",
    "chased_deadline",
    "chase_level",
    "last_reminded_at",
)

# A ticket's events with their photos, one result row per photo (or one for an event without):
# what `give_history` reads, in HISTORY_ORDER.
HISTORY_COLUMNS = (
    EVENTS.c.id.label("event_id"),
    EVENTS.c.kind,
    EVENTS.c.at,
    EVENTS.c.by,
    EVENTS.c.from_state,
    EVENTS.c.to_state,
    EVENTS.c.note,
    EVENTS.c.data,
    PHOTOS.c.file_id.label("photo_file_id"),
    PHOTOS.c.kind.label("photo_kind"),
    PHOTOS.c.file_unique_id.label("photo_file_unique_id"),
)
HISTORY_ORDER = (EVENTS.c.seq, PHOTOS.c.id)

_ACTIONS = frozenset(action.value for action in Action)


def ticket_values(ticket: Ticket) -> dict[str, Any]:
    """A ticket's columns as its row holds them (its id and version apart)."""
    values = {name: getattr(ticket, name) for name in _COPIED}
    values["state"] = ticket.state.value
    values["close_reason"] = ticket.close_reason.value if ticket.close_reason else None
    return values


def event_values(event: Event) -> dict[str, Any]:
    """An event's columns but its ticket id and seq."""
    return {
        "kind": event.kind.value,
        "at": event.at,
        "by": event.by,
        "from_state": event.from_state.value if event.from_state else None,
        "to_state": event.to_state.value if event.to_state else None,
        "note": event.note,
        "data": dict(event.data),
    }


def ticket_from_row(row: Any) -> Ticket:
    """A ticket from a row holding every ticket column, without its history: it can be shown
    and compared; to be moved and saved it needs `give_history` first."""
    values: Mapping[str, Any] = row._mapping
    return Ticket(
        **{name: values[name] for name in _COPIED},
        state=State(values["state"]),
        close_reason=CloseReason(values["close_reason"]) if values["close_reason"] else None,
        id=values["id"],
        version=values["version"],
        stored_events=-1,
    )


def event_from_row(row: Any, photos: Sequence[Photo]) -> Event:
    kind: Action | Note = Action(row.kind) if row.kind in _ACTIONS else Note(row.kind)
    return Event(
        kind=kind,
        at=row.at,
        by=row.by,
        from_state=State(row.from_state) if row.from_state else None,
        to_state=State(row.to_state) if row.to_state else None,
        note=row.note,
        photos=tuple(photos),
        data=dict(row.data or {}),
    )


def give_history(ticket: Ticket, rows: Iterable[Any]) -> Ticket:
    """Give `ticket` its events and photos from rows of HISTORY_COLUMNS in HISTORY_ORDER (a row
    without an event: the ticket has none). It can be saved from then on."""
    events: list[Event] = []
    photos: list[Photo] = []
    current: Any = None
    for row in rows:
        if row.event_id is None:
            continue
        if current is not None and row.event_id != current.event_id:
            events.append(event_from_row(current, photos))
            photos = []
        current = row
        if row.photo_file_id is not None:
            photos.append(
                Photo(row.photo_file_id, PhotoKind(row.photo_kind), row.photo_file_unique_id)
            )
    if current is not None:
        events.append(event_from_row(current, photos))
    ticket.events = events
    ticket.photos = [photo for event in events for photo in event.photos]
    ticket.stored_events = len(events)
    return ticket
