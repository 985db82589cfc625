"""Find the phrase cues in a message: one pass, longest phrase first, no overlaps."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tickets.understanding.normalise import simplify
from tickets.understanding.phrases import Cue
from tickets.understanding.trie import compile_phrases, phrase_matched


@dataclass(frozen=True, slots=True)
class Cues:
    found: int  # Cue flags
    problem_starts: tuple[int, ...] = ()  # where problem words begin: they point at the subject
    # Where words of two or more characters that are not places were read ("尽快处理", "有人"):
    # a place name never starts inside one. Street words (路边, 小区) and neutral words (烟酒,
    # as in the shop 毛毛烟酒) are left out on purpose: they may well be part of a place.
    word_spans: tuple[tuple[int, int], ...] = ()


class PhraseScanner:
    def __init__(self, tables: Mapping[int, Iterable[str]]) -> None:
        cue_of: dict[str, int] = {}
        for cue, phrases in tables.items():
            for phrase in phrases:
                key = simplify(phrase).strip()
                if key:
                    cue_of[key] = cue_of.get(key, Cue.NEUTRAL) | cue
        self._cue_of = cue_of
        self._pattern = compile_phrases(cue_of)

    def scan(self, text: str) -> Cues:
        found = Cue.NEUTRAL
        problem_starts: list[int] = []
        word_spans: list[tuple[int, int]] = []
        cue_of = self._cue_of
        problem, street = Cue.PROBLEM, Cue.STREET
        for match in self._pattern.finditer(text):
            cue = cue_of[phrase_matched(match.group(), cue_of)]
            found |= cue
            if cue & problem:
                problem_starts.append(match.start())
            start, end = match.span()
            if end - start > 1 and cue and not cue & street:
                word_spans.append((start, end))
        return Cues(found, tuple(problem_starts), tuple(word_spans))
