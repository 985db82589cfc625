"""Corrections in words: a liaison, the street office's triage or the chief says, replying to a
ticket's card or report, what it really is ("应该是环卫", "是路灯的事") or where ("地点：3号楼下").

The words name a department or a category as people say them: a category's name or a part of it
first ("路灯", "井盖"), then a department by the name matcher /join uses ("环卫", "城管"). A name
that means nothing here is no correction, and the message is read as any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tickets.group_setup import departments_named
from tickets.lifecycle import Action
from tickets.model import Ticket
from tickets.moves import Move
from tickets.routing import responsible_department
from tickets.taxonomy import Taxonomy
from tickets.triage import category_within

# A place as long as people write one; longer is a story, not a correction.
LONGEST_PLACE = 60

_PLACE = re.compile(r"^\s*(?:地点|位置|地址|place|location)\s*[:：]\s*(?P<place>.+?)\s*$", re.I)
_WHAT = re.compile(
    r"^\s*(?:这个|这件|这)?\s*(?:应该是|应该归|应该找|应该由|应是|应归|该归|归|属于|是"
    r"|(?:it|this)\s+should\s+be|should\s+be|belongs\s+to|it'?s\s+for)\s*"
    r"(?P<name>[^，,。.!！?？]{1,30}?)\s*[。.!！~～]*\s*$",
    re.I,
)
# What may follow the name: "是环卫的事", "归交警管". Tried off the name only when the whole
# is no name: "城管" ends in 管.
_AFTER_NAME = re.compile(r"(?:的事情|的事儿|的事|的问题|的活|管的|管|负责|的)$")


@dataclass(frozen=True, slots=True)
class Correction:
    """What the words say a ticket really is, or where."""

    category: str | None = None
    department: str | None = None
    location: str | None = None

    @property
    def move(self) -> Move:
        if self.location is not None:
            return Move(Action.CORRECT_PLACE, location=self.location)
        return Move(Action.CORRECT, category=self.category, department=self.department)

    def changes(self, ticket: Ticket) -> bool:
        """Whether it says anything the ticket does not already say."""
        if self.location is not None:
            return self.location != ticket.location
        return (self.category, self.department) != (ticket.category, ticket.department)


def correction_in(text: str, taxonomy: Taxonomy, ticket: Ticket) -> Correction | None:
    """The correction `text` makes to `ticket`, or None when it makes none."""
    place = _PLACE.match(text)
    if place is not None:
        location = place.group("place")
        return Correction(location=location) if len(location) <= LONGEST_PLACE else None
    what = _WHAT.match(text)
    if what is None:
        return None
    name = what.group("name")
    return _named(taxonomy, ticket, name) or _named(taxonomy, ticket, _AFTER_NAME.sub("", name))


def _named(taxonomy: Taxonomy, ticket: Ticket, name: str) -> Correction | None:
    """A category by its key or its name's parts; else one department by how people say it."""
    said = _plain(name)
    if not said:
        return None
    road = ticket.road
    exact = [
        c.key
        for c in taxonomy.categories.values()
        if said in (_plain(c.key), _plain(c.name), _plain(c.name_en) or None)
    ]
    parts = exact or [
        c.key
        for c in taxonomy.categories.values()
        if any(said in _plain(part) for part in re.split(r"[/、]", c.name))
    ]
    if len(parts) == 1:
        category = parts[0]
        return Correction(category, responsible_department(taxonomy, category, road))
    departments = {responsible_department(taxonomy, key, road) for key in parts}
    if not departments:
        departments = set(departments_named(taxonomy, name))
    if len(departments) != 1:
        return None
    [department] = departments
    return Correction(category_within(ticket, taxonomy, department), department)


def _plain(text: str) -> str:
    return "".join(text.split()).casefold()
