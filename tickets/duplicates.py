"""Is a new report the same problem as an open ticket? Same road, same category, same place."""

from __future__ import annotations

import unicodedata

from tickets.model import Ticket

# Words that name a spot near a place rather than a different place: "药店门口" ~ "药店".
_NEAR_WORDS = ("门口", "门前", "附近", "旁边", "对面", "上", "里", "边")


def place_key(location: str | None) -> str | None:
    if not location:
        return None
    text = unicodedata.normalize("NFKC", location).strip().lower().replace(" ", "")
    for word in _NEAR_WORDS:
        if text.endswith(word) and len(text) > len(word):
            text = text[: -len(word)]
            break
    return text or None


def same_place(a: str | None, b: str | None) -> bool:
    """Both unnamed, or one extends the other ("胜利路8号" and "胜利路8号门口").

    Only a prefix counts: "8号" must not match "18号".
    """
    key_a, key_b = place_key(a), place_key(b)
    if key_a is None or key_b is None:
        return key_a is None and key_b is None
    return key_a.startswith(key_b) or key_b.startswith(key_a)


def find_same_problem(
    open_tickets: list[Ticket] | tuple[Ticket, ...], category: str, location: str | None
) -> Ticket | None:
    """The oldest open ticket that a report of `category` at `location` repeats, if any."""
    for ticket in open_tickets:
        if ticket.is_open and ticket.category == category and same_place(ticket.location, location):
            return ticket
    return None
