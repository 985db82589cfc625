"""The reader's statistical model at run time: linear weights over n-gram features, scored with
NumPy from a compact file shipped in the package (data/model.npz), with nothing fetched.

Training needs scikit-learn (tickets/understanding/training.py); reading does not: a message has a
few dozen n-grams, so its scores are the sum of a few dozen weight rows, faster in NumPy than the
call into a library model would be, and without that library's import time at start-up.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from tickets.understanding.features import features

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"


class Scores:
    """Probabilities of the speech acts, and of the categories as if the message were a report
    (worked out only when asked: most messages are not reports)."""

    __slots__ = ("_categories", "_category_labels", "_category_raw", "acts")

    def __init__(
        self, acts: dict[str, float], category_labels: tuple[str, ...], category_raw: np.ndarray
    ) -> None:
        self.acts = acts
        self._category_labels = category_labels
        self._category_raw = category_raw
        self._categories: dict[str, float] | None = None

    @property
    def categories(self) -> dict[str, float]:
        if self._categories is None:
            probabilities = _softmax(self._category_raw)
            self._categories = dict(zip(self._category_labels, probabilities, strict=True))
        return self._categories


class LinearModel:
    """Two softmax classifiers over one vocabulary: the speech act and the category."""

    def __init__(
        self,
        vocabulary: list[str],
        weights: np.ndarray,
        bias: np.ndarray,
        act_labels: list[str],
        category_labels: list[str],
        meta: dict[str, object] | None = None,
    ) -> None:
        self.index = {gram: row for row, gram in enumerate(vocabulary)}
        # float64 in memory: summing a few dozen rows is faster than in float32 here.
        self.weights = np.asarray(weights, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.act_labels = tuple(act_labels)
        self.category_labels = tuple(category_labels)
        self.meta = dict(meta or {})
        self._split = len(self.act_labels)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LinearModel:
        with np.load(path, allow_pickle=False) as stored:
            return cls(
                stored["vocabulary"].tolist(),
                stored["weights"],
                stored["bias"],
                stored["act_labels"].tolist(),
                stored["category_labels"].tolist(),
                json.loads(str(stored["meta"])),
            )

    def save(self, path: Path) -> None:
        vocabulary = [""] * len(self.index)
        for gram, row in self.index.items():
            vocabulary[row] = gram
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            vocabulary=np.array(vocabulary),
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            act_labels=np.array(self.act_labels),
            category_labels=np.array(self.category_labels),
            meta=np.array(json.dumps(self.meta, ensure_ascii=False)),
        )

    def score(self, text: str, cues: int = 0) -> Scores:
        """Probabilities for normalised `text` (normalise.normalise(...).text) with its phrase
        cues (signals.PhraseScanner, built-in tables)."""
        index = self.index
        rows = [index[gram] for gram in features(text, cues) if gram in index]
        if rows:
            # Training saw each message as a binary vector scaled to unit length.
            raw = self.weights.take(rows, axis=0).sum(axis=0) * (1.0 / math.sqrt(len(rows)))
            raw += self.bias
        else:
            raw = self.bias
        split = self._split
        return Scores(
            dict(zip(self.act_labels, _softmax(raw[:split]), strict=True)),
            self.category_labels,
            raw[split:],
        )


def _softmax(values: np.ndarray) -> list[float]:
    # A handful of values: plain Python is faster than NumPy's per-call cost here.
    listed = values.tolist()
    top = max(listed)
    exps = [math.exp(value - top) for value in listed]
    total = sum(exps)
    return [value / total for value in exps]
