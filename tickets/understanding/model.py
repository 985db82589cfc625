"""The reader's statistical model at run time: linear weights over n-gram features, scored with
NumPy from a compact file shipped in the package (data/model.npz), with nothing fetched.

Training needs scikit-learn (tickets/understanding/training.py); reading does not: a message has a
few dozen n-grams, so its scores are the sum of a few dozen weight rows, faster in NumPy than the
call into a library model would be, and without that library's import time at start-up.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tickets.understanding.features import features

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"


@dataclass(frozen=True, slots=True)
class Scores:
    acts: dict[str, float]  # speech act -> probability
    categories: dict[str, float]  # category key -> probability (as if the message were a report)


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
        self.weights = np.asarray(weights, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
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
        rows = [row for row in map(index.get, features(text, cues)) if row is not None]
        if rows:
            # Training saw each message as a binary vector scaled to unit length.
            raw = self.weights[rows].sum(axis=0) * (1.0 / math.sqrt(len(rows))) + self.bias
        else:
            raw = self.bias
        split = self._split
        return Scores(
            dict(zip(self.act_labels, _softmax(raw[:split]), strict=True)),
            dict(zip(self.category_labels, _softmax(raw[split:]), strict=True)),
        )


def _softmax(values: np.ndarray) -> list[float]:
    exp = np.exp(values - values.max())
    return (exp / exp.sum()).tolist()
