"""What one group message means to the ticket desk: its intent and, for a report, what and where."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    REPORT = "report"  # a new problem: becomes a ticket
    ACK = "ack"  # a department says it has the ticket (签收)
    RESOLVED = "resolved"  # a department says it is handled (已处置)
    REOPEN = "reopen"  # the reporter (or chief) says it is not fixed (返工)
    CONFIRM = "confirm"  # the reporter (or chief) confirms the fix (结案)
    NONE = "none"  # chatter, notices, questions: nothing happens


@dataclass(frozen=True, slots=True)
class Reading:
    intent: Intent
    category: str | None = None  # category key, only for REPORT
    location: str | None = None  # the place words, only for REPORT


NOTHING = Reading(Intent.NONE)
