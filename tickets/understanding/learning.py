"""Learning from the desk: every transfer, triage choice and correction the ledger holds is a
labelled example. From them this module (a) retrains the model with the examples added to the
corpus, (b) proposes keywords for categories, and (c) checks any proposed change against the
corpus, so that a change which breaks other messages is seen before anyone takes it in.

Pure functions that return values: the street office decides what is taken in, the CLI shows it.
Retraining needs scikit-learn (training.py); proposing and checking do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tickets.roles import Role
from tickets.taxonomy import Category
from tickets.understanding.acts import Act
from tickets.understanding.corpus import CorpusRow, load_corpus
from tickets.understanding.model import LinearModel
from tickets.understanding.normalise import normalise
from tickets.understanding.reader import Understanding, shipped_model
from tickets.understanding.reading import Intent, Reading

# A proposed keyword must point at its category in at least this share of the corpus reports
# that contain it, and appear in at most this share of the corpus chatter (or it makes tickets
# out of chat).
KEYWORD_PRECISION = 0.8
KEYWORD_CHATTER_SHARE = 0.002
KEYWORD_LENGTHS = (2, 3, 4)


@dataclass(frozen=True, slots=True)
class Example:
    """One message the desk corrected: what the reader made of it and what it became."""

    text: str
    role: Role
    read_as: Reading  # what the reader said at the time
    category: str  # the category it became (a correction, a transfer, a triage choice)
    location: str | None = None  # the place, when a correction named it
    replying: bool = False

    @property
    def missed(self) -> bool:
        """A report the reader took for something else ("立案" on a message)."""
        return self.read_as.intent is not Intent.REPORT

    def as_row(self) -> CorpusRow:
        return CorpusRow(
            self.role,
            Intent.REPORT,
            self.category,
            self.location,
            "card" if self.replying else "-",
            Act.REPORT,
            "ledger",
            self.text,
        )


@dataclass(frozen=True, slots=True)
class KeywordProposal:
    category: str
    keyword: str
    examples: int  # how many corrected messages contain it
    corpus_precision: float  # share of corpus reports containing it that are of this category
    corpus_reports: int  # how many corpus reports contain it


@dataclass(frozen=True, slots=True)
class Change:
    """What the office may take in: a retrained model, extra keywords per category, or both."""

    model: LinearModel | None = None
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    intent: float
    category: float  # over the reports
    location: float  # exact, over the reports

    def to_dict(self) -> dict[str, float]:
        return {"intent": self.intent, "category": self.category, "location": self.location}


@dataclass(frozen=True, slots=True)
class Broken:
    """A corpus message the change would make wrong."""

    row: CorpusRow
    before: Reading
    after: Reading


@dataclass(frozen=True, slots=True)
class ChangeCheck:
    before: FieldAccuracy  # on the corpus, as things are
    after: FieldAccuracy  # on the corpus, with the change
    broken: tuple[Broken, ...]  # right before, wrong after
    repaired: tuple[CorpusRow, ...]  # wrong before, right after
    examples_right_before: int  # corrected messages read as they became, before the change
    examples_right_after: int
    examples: int

    def safe(self, *, tolerance: float = 0.0, max_broken: int = 0) -> bool:
        """No field worse on the corpus (beyond `tolerance`), at most `max_broken` corpus
        messages broken, and the corrected messages read at least as well as before."""
        fields_hold = all(
            after >= before - tolerance
            for before, after in zip(
                self.before.to_dict().values(), self.after.to_dict().values(), strict=True
            )
        )
        return (
            fields_hold
            and len(self.broken) <= max_broken
            and self.examples_right_after >= self.examples_right_before
        )


def retrain(
    examples: Iterable[Example],
    corpus: Sequence[CorpusRow] | None = None,
) -> LinearModel:
    """A model trained on the corpus and the corrected messages (needs scikit-learn)."""
    from tickets.understanding.training import train

    rows = list(load_corpus() if corpus is None else corpus)
    rows.extend(example.as_row() for example in examples)
    return train(rows)


def propose_keywords(
    examples: Iterable[Example],
    categories: Iterable[Category],
    corpus: Sequence[CorpusRow] | None = None,
    *,
    per_category: int = 3,
) -> list[KeywordProposal]:
    """Words the corrected messages share that point at their category in the corpus too and
    hardly ever appear in chat, best first per category; words already configured are left out."""
    corpus = list(load_corpus() if corpus is None else corpus)
    configured = {category.key: set(category.keywords) for category in categories}
    by_category: dict[str, list[str]] = {}
    for example in examples:
        by_category.setdefault(example.category, []).append(normalise(example.text).text)
    reports = [
        (normalise(row.text).text, row.category) for row in corpus if row.intent is Intent.REPORT
    ]
    chatter = [normalise(row.text).text for row in corpus if row.intent is Intent.NONE]
    proposals: list[KeywordProposal] = []
    for category, texts in by_category.items():
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(set(_grams(text)))
        known = configured.get(category, set())
        found: list[KeywordProposal] = []
        for gram, support in counts.most_common():
            if support < 2 or any(gram in keyword or keyword in gram for keyword in known):
                continue
            containing = [key for text, key in reports if gram in text]
            # A word the corpus never saw conflicts with nothing there; the check will tell.
            precision = (
                sum(key == category for key in containing) / len(containing) if containing else 1.0
            )
            in_chatter = sum(gram in text for text in chatter) / max(len(chatter), 1)
            if precision >= KEYWORD_PRECISION and in_chatter <= KEYWORD_CHATTER_SHARE:
                found.append(KeywordProposal(category, gram, support, precision, len(containing)))
        found.sort(key=lambda p: (-p.examples, -p.corpus_precision, -len(p.keyword)))
        kept: list[KeywordProposal] = []
        for proposal in found:  # "井盖丢" and "盖丢了" say the same: keep the better one
            if not any(
                proposal.keyword in k.keyword or k.keyword in proposal.keyword for k in kept
            ):
                kept.append(proposal)
            if len(kept) == per_category:
                break
        proposals.extend(kept)
    return proposals


def check_change(
    change: Change,
    categories: Iterable[Category],
    examples: Iterable[Example] = (),
    corpus: Sequence[CorpusRow] | None = None,
    *,
    fallback_category: str = "other",
    current_model: LinearModel | None = None,
) -> ChangeCheck:
    """Read the corpus and the corrected messages as things are and with `change`, field by
    field, and list the corpus messages the change would break."""
    categories = tuple(categories)
    corpus = list(load_corpus() if corpus is None else corpus)
    examples = list(examples)
    model_now = current_model or shipped_model()
    before = Understanding(categories, fallback_category=fallback_category, model=model_now)
    after = Understanding(
        _with_keywords(categories, change.keywords),
        fallback_category=fallback_category,
        model=change.model or model_now,
    )
    readings_before = [_read(before, row) for row in corpus]
    readings_after = [_read(after, row) for row in corpus]
    broken, repaired = [], []
    for row, old, new in zip(corpus, readings_before, readings_after, strict=True):
        right_before, right_after = _right(row, old), _right(row, new)
        if right_before and not right_after:
            broken.append(Broken(row, old, new))
        elif right_after and not right_before:
            repaired.append(row)
    rows = [example.as_row() for example in examples]
    return ChangeCheck(
        before=_accuracy(corpus, readings_before),
        after=_accuracy(corpus, readings_after),
        broken=tuple(broken),
        repaired=tuple(repaired),
        examples_right_before=sum(_right(row, _read(before, row)) for row in rows),
        examples_right_after=sum(_right(row, _read(after, row)) for row in rows),
        examples=len(rows),
    )


def _grams(text: str) -> Iterable[str]:
    for length in KEYWORD_LENGTHS:
        for start in range(len(text) - length + 1):
            gram = text[start : start + length]
            if all("\u4e00" <= char <= "\u9fff" for char in gram):
                yield gram


def _with_keywords(
    categories: tuple[Category, ...], extra: Mapping[str, tuple[str, ...]]
) -> tuple[Category, ...]:
    return tuple(
        replace(category, keywords=(*category.keywords, *extra.get(category.key, ())))
        for category in categories
    )


def _read(understanding: Understanding, row: CorpusRow) -> Reading:
    return understanding.read(row.text, role=row.role, replying_to_ticket=row.replying)


def _right(row: CorpusRow, reading: Reading) -> bool:
    if reading.intent is not row.intent:
        return False
    return row.intent is not Intent.REPORT or reading.category == row.category


def _accuracy(rows: Sequence[CorpusRow], readings: Sequence[Reading]) -> FieldAccuracy:
    pairs = list(zip(rows, readings, strict=True))
    reports = [(row, reading) for row, reading in pairs if row.intent is Intent.REPORT]
    return FieldAccuracy(
        intent=sum(reading.intent is row.intent for row, reading in pairs) / max(len(pairs), 1),
        category=sum(reading.category == row.category for row, reading in reports)
        / max(len(reports), 1),
        location=sum(reading.location == row.location for row, reading in reports)
        / max(len(reports), 1),
    )
