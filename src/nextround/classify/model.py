"""The small trained model beside the rules: naive Bayes over words and letter n-grams.

``data/model.json`` holds, for each feature kept by ``scripts/train_classifier.py``,
its log-likelihood per label (centred, so features that say nothing were
dropped), the labels' log priors and a temperature fitted on a calibration
split, so that :func:`probabilities` returns calibrated probabilities. The file
is read once, on first use; scoring is plain Python arithmetic.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nextround.classify.features import features
from nextround.domain.mail import Label

MODEL_FILE = "model.json"


@dataclass(frozen=True)
class Model:
    labels: tuple[Label, ...]
    prior: tuple[float, ...]
    temperature: float
    weights: dict[str, tuple[float, ...]]

    def scores(self, text: str) -> list[float]:
        """Raw log-scores per label (in :attr:`labels` order) for a normalised text."""
        totals = list(self.prior)
        for feature in features(text):
            row = self.weights.get(feature)
            if row is not None:
                for i, value in enumerate(row):
                    totals[i] += value
        return totals

    def probabilities(self, text: str) -> dict[Label, float]:
        """Calibrated probability of each label for a normalised text."""
        scaled = [s / self.temperature for s in self.scores(text)]
        top = max(scaled)
        exps = [math.exp(s - top) for s in scaled]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}


def from_json(data: dict[str, object]) -> Model:
    labels = tuple(Label(name) for name in data["labels"])  # type: ignore[attr-defined]
    weights = {key: tuple(row) for key, row in data["weights"].items()}  # type: ignore[attr-defined]
    return Model(labels, tuple(data["prior"]), float(data["temperature"]), weights)  # type: ignore[arg-type]


@cache
def model() -> Model:
    """The committed model, read once."""
    text = (resources.files(__package__) / "data" / MODEL_FILE).read_text("utf-8")
    return from_json(json.loads(text))


def probabilities(text: str) -> dict[Label, float]:
    """Calibrated label probabilities of the committed model for a normalised text."""
    return model().probabilities(text)
