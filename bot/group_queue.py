"""Which of a group's waiting messages goes next.

A group gets one message a second and twenty a minute, so its queue is where a flood is felt:
in the order rows were written, one member's hundred reports put minutes of the group's quota
ahead of the next genuine report, and of the chief's reminders. So each row is in a lane: the
clock's (reminders, escalations, catch-up summaries), one per reporter (their cards and "already
reported" answers), one for everything else (moves, answers to commands, card edits).

Rows go oldest first, as people said things, until one lane has sent `STREAK` in a row while
another lane waits: then the waiting lane with the oldest row (the clock's first) has a turn.
A flood thus costs the others at most `STREAK` messages each, not its whole length, and a burst
of reminders cannot starve the cards either; a chat without a flood hears everything in order
(a lane rarely holds more than a few rows at once).
"""

from __future__ import annotations

from collections import deque

from tickets.notices import NoticeKind

CLOCK_KINDS = frozenset(
    {NoticeKind.REMINDER.value, NoticeKind.ESCALATION.value, NoticeKind.CHASE_SUMMARY.value}
)
_CLOCK: tuple[str, int] = ("clock", 0)
_OTHER: tuple[str, int] = ("other", 0)
Lane = tuple[str, int]
# Messages one lane may send in a row while another lane waits.
STREAK = 3


def lane_of(kind: str, person: int | None) -> Lane:
    if kind in CLOCK_KINDS:
        return _CLOCK
    if person is not None:
        return ("person", person)
    return _OTHER


class GroupQueue:
    """One group's waiting rows, by lane; `next()` says which goes now."""

    def __init__(self) -> None:
        self._lanes: dict[Lane, deque[int]] = {}
        self._lane_of: dict[int, Lane] = {}
        self._kinds: dict[int, str] = {}
        self._last: Lane | None = None  # the lane that sent last
        self._streak = 0  # how many it sent in a row

    def __len__(self) -> int:
        return len(self._lane_of)

    def add(self, row_id: int, kind: str, person: int | None) -> None:
        """A row to send, behind the earlier ones of its lane (rows come in id order)."""
        lane = lane_of(kind, person)
        self._lanes.setdefault(lane, deque()).append(row_id)
        self._lane_of[row_id] = lane
        self._kinds[row_id] = kind

    def kind(self, row_id: int) -> str | None:
        return self._kinds.get(row_id)

    def next(self) -> int:
        """The row to send now: the oldest, unless its lane has had its streak while another
        waits (then the other lane's oldest row; the clock's lane first). IndexError when
        empty."""
        if not self._lane_of:
            raise IndexError("no row waits in this group")
        oldest = min(self._lanes, key=lambda lane: self._lanes[lane][0])
        if oldest == self._last and self._streak >= STREAK and len(self._lanes) > 1:
            others = [lane for lane in self._lanes if lane != oldest]
            oldest = min(others, key=lambda lane: (lane != _CLOCK, self._lanes[lane][0]))
        return self._lanes[oldest][0]

    def done(self, row_id: int) -> None:
        """The row is finished with (sent, given up, or someone else's): its lane had a turn."""
        lane = self._lane_of.pop(row_id)
        self._kinds.pop(row_id, None)
        rows = self._lanes[lane]
        rows.remove(row_id)  # the head, but a row finished out of turn is removed as well
        if not rows:
            del self._lanes[lane]
        self._streak = self._streak + 1 if lane == self._last else 1
        self._last = lane

    def clear(self) -> list[int]:
        """Forget every row (the sender stops, or no longer leads); the ids forgotten."""
        rows = list(self._lane_of)
        self._lanes.clear()
        self._lane_of.clear()
        self._kinds.clear()
        return rows
