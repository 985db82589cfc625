"""Train the reader's model from labelled messages (scikit-learn), and export it to the compact
form read at run time (model.LinearModel).

    python -m tickets.understanding.training [--out PATH]   # retrain from data/corpus.tsv

Each message is a binary vector of its n-grams (features.features) scaled to unit length; two
multinomial logistic regressions share the vocabulary: the speech act over every message, the
category over the reports. Logistic regression, not a margin classifier, because its
probabilities are the confidence the desk uses to send an unsure report to triage.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tickets.understanding.acts import Act
from tickets.understanding.corpus import CorpusRow, load_corpus
from tickets.understanding.features import features
from tickets.understanding.model import MODEL_PATH, LinearModel
from tickets.understanding.normalise import normalise
from tickets.understanding.phrases import TABLES
from tickets.understanding.signals import PhraseScanner

# Chosen by cross-validation by phrase (bench/understanding/compare.py): 4 → 89.5 %, 8 → 91.1 %,
# 16 → 91.7 %, 32 → 92.0 % of categories right (blended); 16, because beyond it the gain is
# within noise and a looser fit follows the corpus's own phrasing more than the street's.
ACT_C = 16.0
CATEGORY_C = 16.0
MIN_COUNT = 2  # an n-gram seen once is more often a name than a word
PRUNE_BELOW = 0.02  # weights smaller than this in every class are left out of the file
# The corpus kind of reports that train the category model only (corpus/written/boundaries.tsv).
CATEGORY_ONLY = "boundary"


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    act_c: float = ACT_C
    category_c: float = CATEGORY_C
    min_count: int = MIN_COUNT
    prune_below: float = PRUNE_BELOW


def act_label(row: CorpusRow) -> Act:
    """The act of a row; rows from the ledger or the dev sets carry only an intent."""
    if row.act is not None:
        return row.act
    return (
        Act.REPORT if row.intent == "report" else Act(row.intent.value.replace("resolved", "done"))
    )


def train(rows: Sequence[CorpusRow], settings: TrainingSettings | None = None) -> LinearModel:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    settings = settings or TrainingSettings()
    scanner = PhraseScanner(TABLES)
    grams = []
    for row in rows:
        text = normalise(row.text).text
        grams.append(features(text, scanner.scan(text).found))
    counts: dict[str, int] = {}
    for found in grams:
        for gram in found:
            counts[gram] = counts.get(gram, 0) + 1
    vocabulary = sorted(gram for gram, count in counts.items() if count >= settings.min_count)
    index = {gram: column for column, gram in enumerate(vocabulary)}

    def matrix(selected: Sequence[int]) -> csr_matrix:
        data, columns, pointers = [], [], [0]
        for row in selected:
            hit = [index[gram] for gram in grams[row] if gram in index]
            columns.extend(hit)
            data.extend([1.0 / np.sqrt(len(hit))] * len(hit) if hit else [])
            pointers.append(len(columns))
        return csr_matrix((data, columns, pointers), shape=(len(selected), len(vocabulary)))

    everyone = list(range(len(rows)))
    acts = [act_label(row).value for row in rows]
    # Reports written only to show where one category ends and the next begins teach the
    # categories; among the speech acts they would only tilt every reading towards a report.
    speech = [i for i in everyone if rows[i].kind != CATEGORY_ONLY]
    act_model = LogisticRegression(C=settings.act_c, max_iter=3000)
    act_model.fit(matrix(speech), [acts[i] for i in speech])

    reports = [i for i in everyone if acts[i] == Act.REPORT and rows[i].category]
    category_model = LogisticRegression(C=settings.category_c, max_iter=3000)
    category_model.fit(matrix(reports), [rows[i].category for i in reports])

    weights = np.hstack([act_model.coef_.T, category_model.coef_.T]).astype(np.float32)
    bias = np.concatenate([act_model.intercept_, category_model.intercept_]).astype(np.float32)
    keep = np.abs(weights).max(axis=1) >= settings.prune_below
    kept_vocabulary = [gram for gram, kept in zip(vocabulary, keep, strict=True) if kept]
    return LinearModel(
        kept_vocabulary,
        weights[keep],
        bias,
        [str(label) for label in act_model.classes_],
        [str(label) for label in category_model.classes_],
        {"rows": len(rows), "reports": len(reports), "features": len(kept_vocabulary)},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    model = train(load_corpus())
    model.save(args.out)
    print(f"{model.meta} -> {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
