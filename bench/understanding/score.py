"""Score the reader on a labelled set, printing aggregate figures only (never a message).

    python bench/understanding/score.py PATH [--blend combined|rules|model|all]

PATH is a tab-separated set in any of the layouts tickets/understanding/corpus.py reads. Printed:
intent accuracy over all messages; category accuracy over the messages labelled report; place
accuracy over the reports, exact and lenient (one contains the other, both none counts as equal);
chatter taken for reports per 100 chatter lines (messages labelled none); and the same per `kind`.
Evaluation sets are for scoring only: this script never prints their lines.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tests.unit.test_understanding import load_categories  # noqa: E402
from tickets.understanding import Intent, Understanding  # noqa: E402
from tickets.understanding.corpus import CorpusRow, load_rows  # noqa: E402
from tickets.understanding.reader import MODEL_ALONE, RULES_ALONE, Blend  # noqa: E402

BLENDS = {"combined": Blend(), "rules": RULES_ALONE, "model": MODEL_ALONE}


@dataclass
class Tally:
    messages: int = 0
    intents: int = 0
    reports: int = 0
    categories: int = 0
    places: int = 0
    places_lenient: int = 0
    chatter: int = 0
    chatter_as_report: int = 0
    unsure: int = 0
    unsure_wrong: int = 0
    wrong: int = 0

    def line(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part / whole:6.1%}" if whole else "     -"

        per_100 = f"{100 * self.chatter_as_report / self.chatter:5.1f}" if self.chatter else "    -"
        return (
            f"{self.messages:>5} {share(self.intents, self.messages)} {self.reports:>5} "
            f"{share(self.categories, self.reports)} {share(self.places, self.reports)} "
            f"{share(self.places_lenient, self.reports)} {self.chatter:>5} {per_100} "
            f"{share(self.unsure, self.reports)} {self.unsure_wrong:>3}/{self.wrong:<3}"
        )


HEADER = (
    f"{'':<24}{'msgs':>5} {'intent':>6} {'rep':>5} {'categ':>6} {'place':>6} {'lenient':>6} "
    f"{'chat':>5} {'c/100':>5} {'unsure':>6} unsure/wrong-cat"
)


@dataclass
class Scores:
    total: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # Counts only, never texts: (expected, read) pairs of intents and categories, and how a
    # place was missed (read longer, shorter, none, where there is none, elsewhere).
    intent_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    category_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    place_misses: Counter[str] = field(default_factory=Counter)


_SIDE_WORDS = re.compile(
    r"^(?:门口|门前|大门口|旁边|旁|附近|对面|斜对面|楼下|边上|周边|周围|一带|后面|前面|里面|外面|"
    r"[东西南北]+[侧边角段门口]*|拐角处?|转角处?|那边|这边|那里|这里)$"
)
_PARTICLES = re.compile(r"^[上里下头内外边]$")
_ROAD_END = re.compile(r"(?:路|街|道|巷|大道|大街|胡同|弄)[0-9号]*$")
_LATIN_PART = re.compile(r"^[\sA-Za-z0-9.,'&-]+$")


def place_miss(found: str | None, expected: str | None) -> str:
    """How a place was missed, by the shape of the difference (a kind, never the words)."""
    if found is None:
        return "read none"
    if expected is None:
        return "read a place where none"
    if expected in found:
        return "read longer: " + _difference(found, expected)
    if found in expected:
        return "read shorter: " + _difference(expected, found)
    return "read another"


def _difference(longer: str, shorter: str) -> str:
    start = longer.index(shorter)
    before, after = longer[:start], longer[start + len(shorter) :]
    parts = []
    if before:
        parts.append("before " + _kind_of(before.strip(), before=True))
    if after:
        parts.append("after " + _kind_of(after.strip(), before=False))
    return " & ".join(parts)


def _kind_of(extra: str, *, before: bool) -> str:
    if _LATIN_PART.match(extra):
        return "English words"
    if _SIDE_WORDS.match(extra):
        return "a side word"
    if _PARTICLES.match(extra):
        return "a particle (上/里/下…)"
    if before and _ROAD_END.search(extra):
        return "a road"
    if extra.endswith("的"):
        return "words ending in 的"
    return f"{len(extra)} other characters"


def lenient(found: str | None, expected: str | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return found in expected or expected in found


def score(understanding: Understanding, rows: list[CorpusRow]) -> Scores:
    scores = Scores()
    for row in rows:
        reading = understanding.read(row.text, role=row.role, replying_to_ticket=row.replying)
        if reading.intent is not row.intent:
            scores.intent_pairs[(row.intent.value, reading.intent.value)] += 1
        if row.intent is Intent.REPORT and reading.category != row.category:
            scores.category_pairs[(row.category or "-", reading.category or "-")] += 1
        if row.intent is Intent.REPORT and reading.location != row.location:
            scores.place_misses[place_miss(reading.location, row.location)] += 1
        for tally in (scores.total, scores.kinds[row.kind]):
            tally.messages += 1
            tally.intents += reading.intent is row.intent
            if row.intent is Intent.NONE:
                tally.chatter += 1
                tally.chatter_as_report += reading.intent is Intent.REPORT
            if row.intent is Intent.REPORT:
                tally.reports += 1
                right = reading.category == row.category
                tally.categories += right
                tally.places += reading.location == row.location
                tally.places_lenient += lenient(reading.location, row.location)
                unsure = reading.intent is Intent.REPORT and reading.unsure
                tally.unsure += unsure
                tally.wrong += not right
                tally.unsure_wrong += unsure and not right
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--blend", choices=[*BLENDS, "all"], default="combined")
    parser.add_argument("--kinds", action="store_true", help="also print the figures per kind")
    parser.add_argument(
        "--confusions", action="store_true", help="also count the misreadings by label (no text)"
    )
    args = parser.parse_args()
    rows = load_rows(args.path)
    categories = load_categories()
    names = list(BLENDS) if args.blend == "all" else [args.blend]
    print(f"{args.path.name}: {len(rows)} messages")
    print(HEADER)
    for name in names:
        scores = score(Understanding(categories, blend=BLENDS[name]), rows)
        print(f"{name:<24}{scores.total.line()}")
        if args.kinds:
            for kind in sorted(scores.kinds):
                print(f"  {kind[:22]:<22}{scores.kinds[kind].line()}")
        if args.confusions:
            print_confusions(scores)


def print_confusions(scores: Scores) -> None:
    def pairs(counter: Counter[tuple[str, str]]) -> str:
        return ", ".join(f"{want}→{got} {n}" for (want, got), n in counter.most_common(12))

    print(f"  intent (expected→read): {pairs(scores.intent_pairs)}")
    print(f"  category (expected→read): {pairs(scores.category_pairs)}")
    misses = ", ".join(f"{how} {n}" for how, n in scores.place_misses.most_common())
    print(f"  place misses: {misses}")


if __name__ == "__main__":
    main()
