"""Why the reader read a message the way it did: for `streetdesk parse --explain` and for the
office deciding whether to trust a reading."""

from __future__ import annotations

from dataclasses import dataclass

from tickets.understanding.decide import Decision
from tickets.understanding.location import place_shape


@dataclass(frozen=True, slots=True)
class Explanation:
    intent: Decision
    category: Decision | None  # only for a report
    place: Decision | None  # only for a report

    @classmethod
    def nothing(cls, why: str) -> Explanation:
        return cls(Decision("none", 1.0, "rules", why), None, None)

    def to_dict(self) -> dict[str, object]:
        return {
            "intent": self.intent.to_dict(),
            "category": self.category.to_dict() if self.category else None,
            "place": self.place.to_dict() if self.place else None,
        }


def place_decision(location: str | None) -> Decision:
    """How sure the place extractor is: a house number or a crossing names one spot; a shop or a
    landmark with a side is usually right; a bare road name leaves the stretch open."""
    if location is None:
        return Decision(None, 1.0, "pattern", "no place words")
    shape, confidence = place_shape(location)
    return Decision(location, confidence, "pattern", shape)
