"""English reports say what is wrong in the plural as often as not ("potholes", "lights are
out"): the phrase tables and the category keywords find a word of four letters or more in its
plural too, and short words never in a longer one ("bu" is not in "bus")."""

from __future__ import annotations

import pytest

from tests.unit.test_understanding import load_categories
from tickets.understanding import Intent, Understanding
from tickets.understanding.trie import compile_phrases, phrase_matched


@pytest.fixture(scope="module")
def understanding() -> Understanding:
    return Understanding(load_categories())


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("big potholes here", ["potholes"]),
        ("two leaks", ["leaks"]),
        ("the bus is late", []),  # "bu" is too short to have a plural
        ("potholed road", []),  # another word, not a plural
        ("井盖坏了", ["井盖"]),
    ],
)
def test_phrases_are_found_in_their_plural(text: str, found: list[str]) -> None:
    phrases = ["pothole", "leak", "bu", "井盖"]
    pattern = compile_phrases(phrases)
    matches = [match.group() for match in pattern.finditer(text)]
    assert matches == found
    assert all(phrase_matched(match, phrases) in phrases for match in matches)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("big potholes on Maple Ave, my scooter almost flipped", "road_damage"),
        ("both streetlights outside the bakery are out", "streetlight"),
    ],
)
def test_a_report_in_the_plural_is_a_report(
    understanding: Understanding, text: str, category: str
) -> None:
    reading = understanding.read(text)
    assert reading.intent is Intent.REPORT
    assert reading.category == category
