"""What one group message means to the ticket desk: its intent and, for a report, what and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Below this confidence in the category a report counts as unsure: the desk sends the ticket to
# the street office's triage with `Reading.alternatives` as buttons. Chosen on the development
# sets (bench/understanding/compare.py): most of the wrong categories fall below it, and only a
# small share of the right ones.
UNSURE_BELOW = 0.5


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
    # How sure the reader is of the category (0..1); 1.0 when there is no category to doubt.
    # Left out of equality: two readings that mean the same are equal however sure they were.
    confidence: float = field(default=1.0, compare=False)
    # The likely categories, best first (two or three), for a triage card when unsure.
    alternatives: tuple[str, ...] = field(default=(), compare=False)

    @property
    def unsure(self) -> bool:
        """A report whose category should be chosen by the street office's triage."""
        return self.intent is Intent.REPORT and self.confidence < UNSURE_BELOW


NOTHING = Reading(Intent.NONE)
