"""A ticket and its ledger of events.

Every move goes through `Ticket._move`, which asks the lifecycle table and writes the event, so
the event log is complete by construction: the ledger is the event log (lifecycle.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tickets.lifecycle import (
    ACTIVE_STATES,
    FINAL_STATES,
    OPEN_STATES,
    Action,
    Note,
    State,
    next_state,
)
from tickets.ticket_parts import CloseReason, Deadlines, Event, Photo, PhotoKind

__all__ = ["CloseReason", "Deadlines", "Event", "Photo", "PhotoKind", "Ticket"]


@dataclass(slots=True)
class Ticket:
    number: int
    road: str
    category: str
    department: str
    text: str
    location: str | None
    reporter_id: int | None
    reporter_name: str
    created_at: datetime
    ack_due: datetime
    resolve_due: datetime
    state: State = State.DISPATCHED
    chat_id: int | None = None
    thread_id: int | None = None
    dispatched_at: datetime | None = None  # the last (re)dispatch: report, transfer or reopen
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    verify_due: datetime | None = None
    close_reason: CloseReason | None = None
    rework_count: int = 0
    transfer_count: int = 0
    extension_count: int = 0
    duplicate_of: int | None = None  # the number of the ticket this one repeats
    # The clock sweep's bookkeeping: when to look next, and how far the chase of the deadline
    # named by chased_deadline ("ack@<due>", "resolve@<due>", "verify@<due>") has gone.
    next_chase_at: datetime | None = None
    chased_deadline: str | None = None
    chase_level: int = 0  # 0 nothing yet, 1 liaisons reminded, 2 head called, 3 chief called
    last_reminded_at: datetime | None = None
    photos: list[Photo] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    id: int | None = None  # the database's key, once stored
    version: int = 0  # bumped by every save; a save over a stale copy is refused
    # events before this index are already stored; the repository writes the rest
    stored_events: int = 0

    @classmethod
    def report(
        cls,
        *,
        number: int,
        road: str,
        category: str,
        department: str,
        text: str,
        location: str | None,
        reporter_id: int | None,
        reporter_name: str,
        at: datetime,
        deadlines: Deadlines,
        photos: tuple[Photo, ...] = (),
        chat_id: int | None = None,
        thread_id: int | None = None,
        read: dict[str, Any] | None = None,
    ) -> Ticket:
        """`read`: what the reader made of it, kept for learning and triage (tickets/triage.py)."""
        ticket = cls(
            number=number,
            road=road,
            category=category,
            department=department,
            text=text,
            location=location,
            reporter_id=reporter_id,
            reporter_name=reporter_name,
            created_at=at,
            dispatched_at=at,
            ack_due=deadlines.ack_due,
            resolve_due=deadlines.resolve_due,
            chat_id=chat_id,
            thread_id=thread_id,
            photos=list(photos),
        )
        ticket.events.append(
            Event(
                Action.REPORT,
                at,
                reporter_id,
                None,
                State.DISPATCHED,
                text,
                photos,
                {
                    "category": category,
                    "department": department,
                    # the first deadlines, for the figures: a transfer or reopen moves them
                    "ack_due": deadlines.ack_due.isoformat(),
                    "resolve_due": deadlines.resolve_due.isoformat(),
                    **(read or {}),
                },
            )
        )
        ticket.rearm()
        return ticket

    # --- what the ticket is --------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    def ack_overdue(self, now: datetime) -> bool:
        return self.state in (State.DISPATCHED, State.REOPENED) and now > self.ack_due

    def resolve_overdue(self, now: datetime) -> bool:
        return self.is_active and now > self.resolve_due

    def overdue(self, now: datetime) -> bool:
        """Overdue is a flag computed from the due times, never a state (lifecycle.md)."""
        return self.ack_overdue(now) or self.resolve_overdue(now)

    def watched_deadline(self) -> tuple[str, datetime] | None:
        """The deadline the department is racing now: ack first, then resolve; the verify
        window once resolved; nothing once final."""
        if self.state in (State.DISPATCHED, State.REOPENED):
            return "ack", self.ack_due
        if self.state is State.ACKNOWLEDGED:
            return "resolve", self.resolve_due
        if self.state is State.RESOLVED and self.verify_due is not None:
            return "verify", self.verify_due
        return None

    def rearm(self) -> None:
        """After a move: if another deadline now applies, the chase starts over from it.

        The sweep's own bookkeeping (next look, level reached) is kept while the same deadline
        is being chased, so repeated saves never reset a chase by accident.
        """
        watched = self.watched_deadline()
        key = None if watched is None else f"{watched[0]}@{watched[1].isoformat()}"
        if key != self.chased_deadline:
            self.chased_deadline = key
            self.chase_level = 0
            self.last_reminded_at = None
            self.next_chase_at = None if watched is None else watched[1]

    def new_events(self) -> list[Event]:
        return self.events[self.stored_events :]

    # --- moves ---------------------------------------------------------------------------

    def acknowledge(self, *, by: int | None, at: datetime, note: str = "") -> Event:
        event = self._move(Action.ACKNOWLEDGE, by, at, note)
        self.acknowledged_at = at
        self.rearm()
        return event

    def resolve(
        self,
        *,
        by: int | None,
        at: datetime,
        verify_due: datetime,
        note: str = "",
        photos: tuple[Photo, ...] = (),
    ) -> Event:
        event = self._move(Action.RESOLVE, by, at, note, photos)
        # Fixing it is the strongest acknowledgement; the ack clock stops here if it still ran.
        if self.acknowledged_at is None:
            self.acknowledged_at = at
        self.resolved_at = at
        self.verify_due = verify_due
        self.photos.extend(photos)
        self.rearm()
        return event

    def confirm(self, *, by: int | None, at: datetime, note: str = "") -> Event:
        event = self._move(Action.CONFIRM, by, at, note)
        self._close(at, CloseReason.CONFIRMED)
        self.rearm()
        return event

    def close_uncontested(self, *, at: datetime) -> Event:
        event = self._move(Action.CLOSE_UNCONTESTED, None, at, "")
        self._close(at, CloseReason.NO_OBJECTION)
        self.rearm()
        return event

    def close(self, *, by: int | None, at: datetime, note: str = "") -> Event:
        event = self._move(Action.CLOSE, by, at, note)
        self._close(at, CloseReason.CHIEF)
        self.rearm()
        return event

    def reopen(
        self,
        *,
        by: int | None,
        at: datetime,
        deadlines: Deadlines,
        note: str = "",
        photos: tuple[Photo, ...] = (),
    ) -> Event:
        event = self._move(Action.REOPEN, by, at, note, photos)
        self.rework_count += 1
        self._redispatch(at, deadlines)
        self.resolved_at = None
        self.closed_at = None
        self.close_reason = None
        self.verify_due = None
        self.photos.extend(photos)
        self.rearm()
        return event

    def transfer(
        self,
        *,
        by: int | None,
        at: datetime,
        department: str,
        deadlines: Deadlines,
        note: str = "",
    ) -> Event:
        if department == self.department:
            raise ValueError(f"ticket #{self.number} is already with {department}")
        event = self._move(
            Action.TRANSFER,
            by,
            at,
            note,
            data={"from_department": self.department, "to_department": department},
        )
        self.department = department
        self.transfer_count += 1
        self._redispatch(at, deadlines)
        self.rearm()
        return event

    def extend(self, *, by: int | None, at: datetime, resolve_due: datetime, note: str) -> Event:
        if resolve_due <= self.resolve_due:
            raise ValueError(f"an extension must move the deadline of #{self.number} later")
        if not note.strip():
            raise ValueError("an extension needs a reason")
        event = self._move(
            Action.EXTEND,
            by,
            at,
            note,
            data={"from_due": self.resolve_due.isoformat(), "to_due": resolve_due.isoformat()},
        )
        self.resolve_due = resolve_due
        self.extension_count += 1
        self.rearm()
        return event

    def edit_report(
        self,
        *,
        by: int | None,
        at: datetime,
        text: str,
        location: str | None,
        category: str,
        department: str,
        deadlines: Deadlines,
    ) -> Event:
        """The reporter corrected the report before anyone acted on it: it is read again."""
        before = {"text": self.text, "location": self.location, "category": self.category}
        event = self._move(Action.EDIT, by, at, text, data={"before": before})
        self.text, self.location = text, location
        if category != self.category:
            self.category, self.department = category, department
            self.ack_due, self.resolve_due = deadlines.ack_due, deadlines.resolve_due
        self.rearm()
        return event

    def correct(
        self, *, by: int | None, at: datetime, category: str, department: str, deadlines: Deadlines
    ) -> Event:
        """What it really is: the category (and its department) the reader should have found.
        Clocks restart as at a dispatch; the transfer count does not move."""
        if (category, department) == (self.category, self.department):
            raise ValueError(f"ticket #{self.number} already is {category} with {department}")
        data = {
            "from_category": self.category,
            "to_category": category,
            "from_department": self.department,
            "to_department": department,
            "ack_due": deadlines.ack_due.isoformat(),
        }
        event = self._move(Action.CORRECT, by, at, "", data=data)
        self.category, self.department = category, department
        self._redispatch(at, deadlines)
        self.rearm()
        return event

    def correct_place(self, *, by: int | None, at: datetime, location: str) -> Event:
        data = {"from_location": self.location, "to_location": location}
        event = self._move(Action.CORRECT_PLACE, by, at, location, data=data)
        self.location = location
        return event

    def mark_duplicate(self, *, by: int | None, at: datetime, of_number: int) -> Event:
        if of_number == self.number:
            raise ValueError(f"ticket #{self.number} cannot duplicate itself")
        event = self._move(
            Action.MARK_DUPLICATE, by, at, f"#{of_number}", data={"duplicate_of": of_number}
        )
        self.duplicate_of = of_number
        self.closed_at = at
        self.rearm()
        return event

    def reject(self, *, by: int | None, at: datetime, note: str = "") -> Event:
        event = self._move(Action.REJECT, by, at, note)
        self.closed_at = at
        self.rearm()
        return event

    def cancel(self, *, by: int | None, at: datetime, note: str = "") -> Event:
        event = self._move(Action.CANCEL, by, at, note)
        self.closed_at = at
        self.rearm()
        return event

    def record(
        self,
        kind: Note,
        *,
        by: int | None,
        at: datetime,
        note: str = "",
        photos: tuple[Photo, ...] = (),
        data: dict[str, Any] | None = None,
    ) -> Event:
        """An event that changes no state: another reporter, an edit, a reminder."""
        event = Event(kind, at, by, self.state, self.state, note, photos, data or {})
        self.events.append(event)
        self.photos.extend(photos)
        return event

    # --- the one way a state changes ------------------------------------------------------

    def _move(
        self,
        action: Action,
        by: int | None,
        at: datetime,
        note: str,
        photos: tuple[Photo, ...] = (),
        data: dict[str, Any] | None = None,
    ) -> Event:
        target = next_state(self.state, action, number=self.number)
        event = Event(action, at, by, self.state, target, note, photos, data or {})
        self.state = target
        self.events.append(event)
        return event

    def _redispatch(self, at: datetime, deadlines: Deadlines) -> None:
        self.dispatched_at = at
        self.acknowledged_at = None
        self.ack_due = deadlines.ack_due
        self.resolve_due = deadlines.resolve_due

    def _close(self, at: datetime, reason: CloseReason) -> None:
        self.closed_at = at
        self.close_reason = reason
