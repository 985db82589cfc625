"""The features the reader's model sees in a message: the same function at training and at run
time, so the two can never drift apart.

Short Chinese texts have no spaces, so the words are character n-grams (one to three characters:
"井盖", "不亮", "又坏了"), with the start and end of the message marked, because "收到" alone is
not "收到了吗". Latin text is read as whole words and word pairs ("not working", "fire lane").
Digits become "0": a house number says nothing about the problem. The rules' phrase cues (a
problem word, a thank-you, a question...) are features too, so the model learns from the corpus
how far to trust each of them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from tickets.understanding.phrases import Cue

_CUE_FEATURES = tuple(
    (value, "cue:" + name.lower())
    for name, value in vars(Cue).items()
    if name.isupper() and isinstance(value, int) and value
)

MAX_NGRAM = 3  # one to three characters, as written out in features()
_DIGIT = re.compile(r"[0-9]+")
_LATIN_WORD = re.compile(r"[a-z][a-z']*")
_LATIN_RUN = re.compile(r"[a-z][a-z' ]*")
_NOT_TEXT = re.compile(r"[^\u3400-\u9fffa-z0-9' ]+")


def features(text: str, cues: int = 0) -> set[str]:
    """The n-grams of normalised `text` (see normalise.normalise) and its phrase cues (flags)."""
    text = _DIGIT.sub("0", text)
    found: set[str] = set()
    words = _LATIN_WORD.findall(text)
    if words:
        found.update("w:" + word for word in words)
        found.update(f"w:{one} {two}" for one, two in pairwise(words))
        text = _LATIN_RUN.sub(" ", text)
    # Punctuation separates clauses; an n-gram never spans two of them.
    for clause in _NOT_TEXT.sub(" ", text).split():
        marked = "^" + clause + "$"
        found.update(clause)  # single characters, without the markers
        found.update(marked[start : start + 2] for start in range(len(marked) - 1))
        found.update(marked[start : start + 3] for start in range(len(marked) - 2))
    if cues:
        found.update(name for flag, name in _CUE_FEATURES if cues & flag)
    return found
