"""English reports say what is wrong in the plural as often as not ("potholes", "leaks"): the
phrase tables and the category keywords find a word of four letters or more in its plural too,
and short words never in a longer one ("bu" is not in "bus"). The reports themselves are in
test_understanding_fresh_kinds.py."""

from __future__ import annotations

import pytest

from tickets.understanding.trie import compile_phrases, phrase_matched


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
