"""Choose a report's category from the configured keywords.

A keyword is a substring ("路灯") or parts joined by "+" that must all appear ("灯+不亮"); Latin
keywords match whole words, with a plural allowed ("bin" finds "bins", never "cabinet").
When several categories match, people name the broken thing first and describe it next, so:

- a longer, more specific keyword beats a shorter one ("公共厕所" over "灯不亮", "垃圾桶" over
  the "垃圾" inside it, which does not count at all);
- the category mentioned first gets a bonus ("树枝太长，把路灯都挡住了" is greenery);
- a problem word right after a keyword points at it ("井盖翘起来了，电动车骑过去…" is manhole);
- a keyword used as a landmark counts for little: inside the location, or followed by a place
  word ("垃圾桶旁边堆满了垃圾" is garbage, "绿化带里扔了装修垃圾" too);
- the fallback category's own keywords ("#报修", "帮帮忙") only count when nothing else matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tickets.taxonomy import Category
from tickets.understanding.normalise import simplify
from tickets.understanding.trie import compile_phrases, phrase_matched

# Weights, in "characters of keyword": a first mention is worth a bit more than one extra
# character of specificity, a problem word next to the keyword a bit less.
FIRST_MENTION_BONUS = 1.5
PROBLEM_NEXT_TO_IT_BONUS = 1.0
PROBLEM_REACH = 3  # a problem word starting this many characters after the keyword belongs to it
EXTRA_KEYWORD_BONUS = 0.5
LANDMARK_FACTOR = 0.4
LATIN_WORD_WEIGHT = 2.0  # one English word says about as much as two Chinese characters

# Words after a keyword that make it a landmark ("路灯下面的井盖"), not the subject.
_PLACE_AFTER = re.compile(
    r"[杆柱]?(?:旁边|旁|附近|下面|底下|下边|边上|前面|后面|对面|门口|周围|周边|那边|这边|上面|"
    r"里面|上|里|内|下)"
)
_LATIN = re.compile(r"[a-z]")


@dataclass(frozen=True, slots=True)
class _Keyword:
    category: str
    parts: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class _Hit:
    keyword: _Keyword
    start: int
    end: int  # end of the first part: where the description of this thing begins


class CategoryMatcher:
    def __init__(self, categories: Iterable[Category], *, fallback_category: str) -> None:
        self.fallback_category = fallback_category
        self._order: dict[str, int] = {}
        keywords: list[_Keyword] = []
        for category in categories:
            self._order.setdefault(category.key, len(self._order))
            for raw in category.keywords:
                parts = tuple(
                    part for part in (simplify(p).strip() for p in raw.split("+")) if part
                )
                if parts:
                    keywords.append(_Keyword(category.key, parts, _weight(parts)))
        self._keywords = tuple(keywords)
        # Index each keyword part by its first character: a message only looks at the parts
        # that can start with one of its own characters.
        self._parts_by_first_char: dict[str, list[str]] = {}
        latin_parts: set[str] = set()
        for keyword in keywords:
            for part in keyword.parts:
                if _LATIN.match(part):
                    latin_parts.add(part)
                else:
                    bucket = self._parts_by_first_char.setdefault(part[0], [])
                    if part not in bucket:
                        bucket.append(part)
        # Latin parts and their plurals make one whole-word pattern; a match names its part.
        self._latin_part_of = {
            form: part for part in latin_parts for form in (part + "es", part + "s", part)
        }
        self._latin_pattern = compile_phrases(self._latin_part_of) if latin_parts else None
        self._first_chars = frozenset(self._parts_by_first_char)
        self._keywords_by_part: dict[str, list[_Keyword]] = {}
        self._parts_of: dict[str, set[str]] = {}
        for keyword in keywords:
            self._keywords_by_part.setdefault(keyword.parts[0], []).append(keyword)
            self._parts_of.setdefault(keyword.category, set()).update(keyword.parts)

    def names(self, category: str, word: str) -> bool:
        """Whether `word` is one of `category`'s own words ("公厕" of the public toilets): the
        thing that category is about, not a place where another problem is."""
        return any(word in part for part in self._parts_of.get(category, ()))

    def thing_starts(self, text: str) -> list[int]:
        """Where the things the categories are about are named in `text` ("下水道", "路灯"), the
        fallback category's own words ("帮帮忙") left out."""
        return [
            hit.start
            for hit in self._hits(self._find_parts(text))
            if hit.keyword.category != self.fallback_category
        ]

    def choose(
        self,
        text: str,
        *,
        landmark_span: Callable[[], tuple[int, int] | None] = lambda: None,
        problem_starts: Sequence[int] = (),
    ) -> str | None:
        """The best category for `text`, `None` when no keyword matches at all.

        `landmark_span` finds the location in the text; it is only called when a keyword matched,
        because finding places costs as much as finding keywords.
        """
        found = self._find_parts(text)
        if not found:
            return None
        hits = self._hits(found)
        if not hits:
            return None
        ranked = [hit for hit in hits if hit.keyword.category != self.fallback_category]
        if not ranked:
            return self.fallback_category
        # Keywords that are all part of the place name a thing, not its problem: "停车场门口有个
        # 大坑" names a car park, and 停车 must not choose the category alone.
        span = landmark_span()
        if span is not None and all(span[0] <= hit.start < span[1] for hit in ranked):
            return None
        first = ranked[0].keyword.category
        if all(hit.keyword.category == first for hit in ranked):
            return first
        return self._best(text, ranked, span, problem_starts)

    def _find_parts(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        by_first_char = self._parts_by_first_char
        for char in self._first_chars.intersection(text):
            for part in by_first_char[char]:
                start = text.find(part)
                if start >= 0:
                    starts = []
                    while start >= 0:
                        starts.append(start)
                        start = text.find(part, start + 1)
                    found[part] = starts
        if self._latin_pattern is not None and _LATIN.search(text):
            for match in self._latin_pattern.finditer(text):
                phrase = phrase_matched(match.group(), self._latin_part_of)
                found.setdefault(self._latin_part_of[phrase], []).append(match.start())
        return found

    def _hits(self, found: dict[str, list[int]]) -> list[_Hit]:
        hits: list[_Hit] = []
        for first_part, starts in found.items():
            for keyword in self._keywords_by_part.get(first_part, ()):
                if all(part in found for part in keyword.parts[1:]):
                    hits.extend(_Hit(keyword, start, start + len(first_part)) for start in starts)
        if len(hits) < 2:
            return hits
        # A keyword inside a longer one of another category is part of that word, not a
        # mention of its own: the "垃圾" in "垃圾桶".
        return [
            hit
            for hit in hits
            if not any(
                other.start <= hit.start
                and hit.end <= other.end
                and other.end - other.start > hit.end - hit.start
                for other in hits
            )
        ]

    def _best(
        self,
        text: str,
        hits: list[_Hit],
        landmark_span: tuple[int, int] | None,
        problem_starts: Sequence[int],
    ) -> str:
        scores: dict[str, float] = {}
        first_seen: dict[str, int] = {}
        keywords_seen: dict[str, set[_Keyword]] = {}
        subject: _Hit | None = None
        for hit in hits:
            category = hit.keyword.category
            weight = hit.keyword.weight
            landmark = _is_landmark(text, hit, landmark_span)
            if landmark:
                weight *= LANDMARK_FACTOR
            elif any(hit.end <= start <= hit.end + PROBLEM_REACH for start in problem_starts):
                weight += PROBLEM_NEXT_TO_IT_BONUS
            scores[category] = max(scores.get(category, 0.0), weight)
            keywords_seen.setdefault(category, set()).add(hit.keyword)
            first_seen[category] = min(first_seen.get(category, hit.start), hit.start)
            if not landmark and (
                subject is None
                or hit.start < subject.start
                or (hit.start == subject.start and hit.keyword.weight > subject.keyword.weight)
            ):
                subject = hit
        for category, seen in keywords_seen.items():
            scores[category] += EXTRA_KEYWORD_BONUS * min(len(seen) - 1, 3)
        if subject is not None:
            scores[subject.keyword.category] += FIRST_MENTION_BONUS
        return max(
            scores,
            key=lambda key: (scores[key], -first_seen[key], -self._order.get(key, 0)),
        )


def _weight(parts: tuple[str, ...]) -> float:
    weight = 0.0
    for part in parts:
        if _LATIN.match(part):
            weight += LATIN_WORD_WEIGHT * len(part.split())
        else:
            weight += len(part)
    return weight


def _is_landmark(text: str, hit: _Hit, landmark_span: tuple[int, int] | None) -> bool:
    if landmark_span is not None and landmark_span[0] <= hit.start < landmark_span[1]:
        return True
    return _PLACE_AFTER.match(text, hit.end) is not None
