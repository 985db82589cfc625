"""What a ticket is made of besides itself: its events, photos, deadlines and ways of closing
(tickets/model.py holds the ticket and its moves)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from tickets.lifecycle import Action, Note, State


class CloseReason(StrEnum):
    CONFIRMED = "confirmed"  # the reporter said it is fixed
    NO_OBJECTION = "no_objection"  # the verify window passed in silence
    CHIEF = "chief"  # the street chief closed it


class PhotoKind(StrEnum):
    BEFORE = "before"  # sent with the report
    AFTER = "after"  # sent with the resolution


@dataclass(frozen=True, slots=True)
class Photo:
    file_id: str  # Telegram's id, enough to send the photo again or download it
    kind: PhotoKind = PhotoKind.BEFORE
    file_unique_id: str = ""  # stable across bots; tells two uploads of one picture apart


@dataclass(frozen=True, slots=True)
class Deadlines:
    ack_due: datetime
    resolve_due: datetime


@dataclass(frozen=True, slots=True)
class Event:
    kind: Action | Note
    at: datetime
    by: int | None  # Telegram user id; None when the bot itself acted (a timeout)
    from_state: State | None
    to_state: State | None
    note: str = ""
    photos: tuple[Photo, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)  # what else changed: department, due
