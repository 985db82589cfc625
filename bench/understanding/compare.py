"""Compare the rules alone, the model alone and blends of the two, without the corpus flattering
the model: five-fold cross-validation in which every copy of a hand-written phrase (with its
places, lead-ins and tails) falls in the same fold, so the model is always scored on phrasings it
never saw, and the rules, which were never tuned on the corpus, are scored on the same messages.

    python bench/understanding/compare.py [--folds 5] [--weights 0.6,0.7,0.8] [--bonus 0.3]

Prints aggregate figures only. The development sets are not used here: the rules were tuned on
them and the corpus borrowed some of their replies, so neither voice is honest there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from corpus import chatter, problems_facilities, problems_order, replies  # noqa: E402
from score import HEADER, Tally, score  # noqa: E402

from tests.unit.test_understanding import load_categories  # noqa: E402
from tickets.understanding import Understanding  # noqa: E402
from tickets.understanding.corpus import CorpusRow, load_corpus  # noqa: E402
from tickets.understanding.reader import MODEL_ALONE, RULES_ALONE, Blend  # noqa: E402
from tickets.understanding.training import TrainingSettings, train  # noqa: E402


def base_phrases() -> list[str]:
    phrases: list[str] = []
    for table in (problems_facilities.FACILITY_CATEGORIES, problems_order.ORDER_CATEGORIES):
        for kinds in table.values():
            for text in kinds.values():
                phrases.extend(line for line in text.splitlines() if line.strip())
    for module in (replies, chatter):
        for value in vars(module).values():
            if isinstance(value, list):
                phrases.extend(line for line in value if line.strip())
    return sorted(set(phrases), key=len, reverse=True)


def group_of(row: CorpusRow, phrases: list[str]) -> str:
    """The longest hand-written phrase inside the message: copies of it share a fold."""
    text = row.text.replace(" ", "，")
    for phrase in phrases:
        if phrase in row.text or phrase.replace("，", " ") in row.text or phrase in text:
            return phrase
    return row.text


def add(total: Tally, part: Tally) -> None:
    for name in vars(total):
        setattr(total, name, getattr(total, name) + getattr(part, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--weights", default="0.6,0.7,0.8")
    parser.add_argument("--bonus", default="0.3")
    parser.add_argument("--c", type=float, default=None, help="regularisation for both models")
    args = parser.parse_args()
    rows = load_corpus()
    phrases = base_phrases()
    groups = sorted({group_of(row, phrases) for row in rows})
    fold_of_group = {group: index % args.folds for index, group in enumerate(groups)}
    fold_of_row = [fold_of_group[group_of(row, phrases)] for row in rows]
    blends = {"rules": RULES_ALONE, "model": MODEL_ALONE}
    for weight in map(float, args.weights.split(",")):
        for bonus in map(float, args.bonus.split(",")):
            blends[f"blend w={weight} kb={bonus}"] = Blend(weight, 1.0, bonus)
    totals = {name: Tally() for name in blends}
    categories = load_categories()
    for fold in range(args.folds):
        training = [row for row, f in zip(rows, fold_of_row, strict=True) if f != fold]
        testing = [row for row, f in zip(rows, fold_of_row, strict=True) if f == fold]
        settings = TrainingSettings(args.c, args.c) if args.c else TrainingSettings()
        model = train(training, settings)
        for name, blend in blends.items():
            understanding = Understanding(categories, model=model, blend=blend)
            add(totals[name], score(understanding, testing).total)
        print(f"fold {fold + 1}/{args.folds}: {len(testing)} messages", file=sys.stderr)
    print(f"corpus, {args.folds}-fold by phrase: {len(rows)} messages, {len(groups)} phrases")
    print(HEADER)
    for name, tally in totals.items():
        print(f"{name:<24}{tally.line()}")


if __name__ == "__main__":
    main()
