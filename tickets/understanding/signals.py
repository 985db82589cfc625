"""Find the phrase cues in a message: one pass, longest phrase first, no overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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
        if likened(text, problem_starts):
            found |= Cue.LIKENED
        return Cues(found, tuple(problem_starts), tuple(word_spans))


_IN_CLAUSE = r"[^,，。！？!?；;]"
# What a thing is likened to: after 像/如同/堪比/活成… to the clause's end, or between 跟/比 and
# 一样/似的/还. Not 像是, 好像 ("seems"), 不像; not a bare 就是 ("it is just that…").
_VEHICLE = re.compile(
    rf"(?<![好不想])(?:像(?![是不])|如同|好比|堪比|活成了?|简直是|简直就是|就是一?[个盏辆块座根条张])"
    rf"{_IN_CLAUSE}*"
    rf"|跟(?:(?!跟|和){_IN_CLAUSE}){{1,12}}?(?:一样|似的|一般)"
    rf"|比(?:(?!比){_IN_CLAUSE}){{1,12}}?还"
)


def likened(text: str, starts: Sequence[int]) -> bool:
    """Whether every word starting at `starts` (problem words, or the things of the street) is
    inside what something is likened to: "失恋的人就是一盏坏路灯", "我的腰跟福民路那块翘起来的
    地砖一样". A report likens the problem itself, and names it first: "积水深得像条河",
    "路灯坏得比我的前任还彻底"."""
    return bool(starts) and all_inside(starts, likened_parts(text))


def likened_parts(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that something is likened to (most messages have none)."""
    return [match.span() for match in _VEHICLE.finditer(text)]


def all_inside(starts: Sequence[int], spans: Sequence[tuple[int, int]]) -> bool:
    return bool(spans) and all(any(start <= at < end for start, end in spans) for at in starts)
