"""A ticket as a GeoReport v2 service request (lifecycle.md, Interoperability): every open state
is `open` and the finished ones `closed`, the detailed state goes in status_notes, the resolve
deadline in expected_datetime and the department in agency_responsible."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reports.open311.services import Names
from tickets.lifecycle import FINAL_STATES, State
from tickets.model import Ticket

OPEN, CLOSED = "open", "closed"
STATUSES = (OPEN, CLOSED)

# The states in the office's words, as the bot's cards name them.
_STATE_WORDS = {
    "zh": {
        State.DISPATCHED: "已派遣",
        State.ACKNOWLEDGED: "已签收",
        State.RESOLVED: "已处置，待确认",
        State.CLOSED: "已结案",
        State.REOPENED: "返工",
        State.DUPLICATE: "重复",
        State.REJECTED: "不予立案",
        State.CANCELLED: "已撤销",
    },
    "en": {
        State.DISPATCHED: "dispatched",
        State.ACKNOWLEDGED: "acknowledged",
        State.RESOLVED: "resolved, awaiting confirmation",
        State.CLOSED: "closed",
        State.REOPENED: "reopened",
        State.DUPLICATE: "duplicate",
        State.REJECTED: "rejected",
        State.CANCELLED: "cancelled",
    },
}


def status_of(state: State) -> str:
    return CLOSED if state in FINAL_STATES else OPEN


def states_of(status: str) -> frozenset[State]:
    return frozenset(s for s in State if status_of(s) == status)


def updated_at(ticket: Ticket) -> datetime:
    """The last thing recorded on the ticket (a move, a note, a reminder)."""
    moments = [ticket.created_at, *(event.at for event in ticket.events)]
    moments += [
        t for t in (ticket.acknowledged_at, ticket.resolved_at, ticket.closed_at) if t is not None
    ]
    return max(moments)


def address_of(ticket: Ticket) -> str:
    """The road and the place on it, as one line ("胜利路18号门口")."""
    location = ticket.location or ""
    return location if location.startswith(ticket.road) else ticket.road + location


class Records:
    def __init__(self, names: Names, zone: ZoneInfo, language: str) -> None:
        self._names = names
        self._zone = zone
        self._words = _STATE_WORDS.get(language, _STATE_WORDS["en"])

    def w3(self, moment: datetime) -> str:
        """W3C date-time with the local offset (2026-11-18T10:00:00+08:00), as the spec asks."""
        return moment.astimezone(self._zone).isoformat(timespec="seconds")

    def request(self, ticket: Ticket, media_url: str | None = None) -> dict[str, Any]:
        return {
            "service_request_id": str(ticket.number),
            "status": status_of(ticket.state),
            "status_notes": self._words[ticket.state],
            "service_name": self._names.category(ticket.category),
            "service_code": ticket.category,
            "description": ticket.text,
            "agency_responsible": self._names.department(ticket.department),
            "service_notice": None,
            "requested_datetime": self.w3(ticket.created_at),
            "updated_datetime": self.w3(updated_at(ticket)),
            "expected_datetime": self.w3(ticket.resolve_due),
            "address": address_of(ticket),
            "address_id": None,
            "zipcode": None,
            "lat": None,
            "long": None,
            "media_url": media_url,  # its first photo kept on disk (media.py)
        }
