"""Compile many literal phrases into one regular expression shaped like a trie.

A flat alternation of a thousand phrases makes the regex engine try each one at every position;
nested by shared prefixes, it tries one branch per next character. Python's engine still tries
the first characters one by one, and Chinese phrases start with hundreds of different characters,
so the first level is a binary search: each level tests a character range, about ten tests in all.
Matches are the longest phrase starting at each position, left to right, without overlap: the
reading order a person uses. Latin phrases match whole words only ("ok" must not fire in "broken").
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

_WORD_CHAR = re.compile(r"[a-z0-9]")
_NOT_AFTER_WORD = r"(?<![a-z0-9])"
_NOT_BEFORE_WORD = r"(?![a-z0-9])"


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    if not trie:
        return re.compile(r"(?!x)x")  # matches nothing
    first_chars = sorted(trie)
    return re.compile(_search_first_char(trie, first_chars))


# Below this many first characters a plain alternation is as fast as another range test.
_LINEAR_BELOW = 8


def _search_first_char(trie: dict[str, dict], chars: list[str]) -> str:
    if len(chars) < _LINEAR_BELOW:
        return _alternation([_first_branch(trie, char) for char in chars])
    middle = len(chars) // 2
    low, high = chars[:middle], chars[middle:]
    low_range = f"[{re.escape(low[0])}-{re.escape(low[-1])}]"
    return (
        f"(?:(?={low_range}){_search_first_char(trie, low)}"
        f"|(?!{low_range}){_search_first_char(trie, high)})"
    )


def _first_branch(trie: dict[str, dict], char: str) -> str:
    guard = _NOT_AFTER_WORD if _WORD_CHAR.match(char) else ""
    return guard + re.escape(char) + _branch(trie[char], last=char, word=1)


# An English word of four letters or more is also found in its plural ("potholes", "leaks");
# shorter ones are not, since their plurals are other words ("bu" and "bus").
_PLURAL_FROM = 4
_PLURAL = r"(?:e?s)?"


def _branch(node: dict[str, dict], *, last: str, word: int) -> str:
    """`word`: how many letters of the current English word the branch has read so far."""
    alternatives = []
    for char in sorted(node, key=lambda c: (c == "", c)):  # the end of a phrase comes last
        if char == "":
            if not _WORD_CHAR.match(last):
                alternatives.append("")
            elif word >= _PLURAL_FROM and last.isalpha():
                alternatives.append(_PLURAL + _NOT_BEFORE_WORD)
            else:
                alternatives.append(_NOT_BEFORE_WORD)
        else:
            letters = word + 1 if _WORD_CHAR.match(char) else 0
            alternatives.append(re.escape(char) + _branch(node[char], last=char, word=letters))
    return _alternation(alternatives)


def _alternation(alternatives: list[str]) -> str:
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def phrase_matched(matched: str, phrases: Container[str]) -> str:
    """The phrase a match stands for: itself, or the singular of the plural it was found in."""
    if matched in phrases:
        return matched
    return matched[:-2] if matched.endswith("es") and matched[:-2] in phrases else matched[:-1]
