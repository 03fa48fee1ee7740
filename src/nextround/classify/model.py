"""The small trained model beside the rules: naive Bayes over words and letter n-grams.

``data/model.json`` holds, for each feature kept by ``scripts/train_classifier.py``,
its log-likelihood per label (centred, so features that say nothing were
dropped), the labels' log priors and a temperature fitted on a calibration
split, so that :func:`probabilities` returns calibrated probabilities. The file
is read once, on first use; scoring is plain Python arithmetic.

Scoring adds up the rows of the features a text has (:func:`~nextround.classify.features.features`),
each once. It does not build the feature strings: the words and letter 4-grams
of a word depend on the word alone, so each distinct word's model rows are
looked up once and kept (a bounded cache), word pairs are looked up as pairs,
and the rows are summed column by column. The result equals the plain sum over
``features(text)`` up to the order of floating-point additions (a test checks
1e-9 on the corpora).
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from nextround.classify.features import GRAM, MODEL_READ_LIMIT, WORD, rows_of_words
from nextround.domain.mail import Label

MODEL_FILE = "model.json"


class _Index:
    """The model's rows by word, letter gram and word pair, for :meth:`Model.scores`."""

    def __init__(self, weights: dict[str, tuple[float, ...]]) -> None:
        self.rows = list(weights.values())
        self.words: dict[str, int] = {}
        self.grams: dict[str, int] = {}
        self.pairs: dict[tuple[str, str], int] = {}
        for number, key in enumerate(weights):
            kind, name = key[:2], key[2:]
            if kind == "w:":
                self.words[name] = number
            elif kind == "c:":
                self.grams[name] = number
            elif kind == "b:":
                first, _, second = name.partition(" ")
                self.pairs[first, second] = number
        self.by_word: dict[str, tuple[int, ...]] = {}
        self.packed = _Packed(self.rows) if _Packed.fits(self.rows) else None

    def _word_rows(self, word: str) -> tuple[int, ...]:
        """The rows of a word's own feature and of its letter grams that the model has."""
        padded = f" {word} "
        grams = self.grams
        found = [
            grams[gram]
            for gram in (padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1))
            if gram in grams
        ]
        if word in self.words:
            found.append(self.words[word])
        return tuple(found)

    def present(self, text: str) -> set[int]:
        """The rows of the features of ``text``, each once."""
        tokens = words_of(text[:MODEL_READ_LIMIT])
        rows = rows_of_words(self.by_word, set(tokens), self._word_rows)
        pairs = self.pairs.keys() & itertools.pairwise(tokens)
        rows.update(map(self.pairs.__getitem__, pairs))
        return rows


#: ASCII bytes that are no letter, made spaces (for :func:`words_of` on ASCII text).
_NOT_LETTERS = bytes(c if chr(c).isalpha() and c < 128 else 32 for c in range(256))


def words_of(text: str) -> list[str]:
    """``WORD.findall(text)``, faster: ASCII text by a byte translation and a split,
    else piece by piece (most whitespace-separated pieces are letters only)."""
    if text.isascii():
        return text.encode("ascii").translate(_NOT_LETTERS).decode("ascii").split()
    found: list[str] = []
    for piece in text.split():
        if piece.isalpha():  # letters only: one word ([^\W\d_] holds every letter)
            found.append(piece)
        else:
            found.extend(WORD.findall(piece))
    return found


class _Packed:
    """Rows of weights with three decimals, each packed into one integer (thousandths,
    offset to be positive, one field of :data:`_FIELD` bits per label), so that the
    rows of a message are summed by one ``sum`` of integers, exactly."""

    BIAS = 1 << 32

    def __init__(self, rows: list[tuple[float, ...]]) -> None:
        self.width = len(rows[0]) if rows else 0
        self.packed = [
            sum((round(v * 1000) + self.BIAS) << (_FIELD * i) for i, v in enumerate(row))
            for row in rows
        ]

    @staticmethod
    def fits(rows: list[tuple[float, ...]]) -> bool:
        return all(abs(v * 1000 - round(v * 1000)) < 1e-6 and abs(v) < 1e6 for r in rows for v in r)

    def totals(self, rows: set[int]) -> list[float]:
        total = sum(map(self.packed.__getitem__, rows))
        offset = len(rows) * self.BIAS
        mask = (1 << _FIELD) - 1
        return [(((total >> (_FIELD * i)) & mask) - offset) / 1000 for i in range(self.width)]


#: Bits per label in a packed row: room for far more rows than 1,200 characters have.
_FIELD = 52


@dataclass(frozen=True)
class Model:
    labels: tuple[Label, ...]
    prior: tuple[float, ...]
    temperature: float
    weights: dict[str, tuple[float, ...]]

    @cached_property
    def _index(self) -> _Index:
        return _Index(self.weights)

    def scores(self, text: str) -> list[float]:
        """Raw log-scores per label (in :attr:`labels` order) for a normalised text."""
        index = self._index
        rows = index.present(text)
        if not rows:
            return list(self.prior)
        if index.packed is not None:
            sums = index.packed.totals(rows)
        else:
            sums = [sum(column) for column in zip(*map(index.rows.__getitem__, rows), strict=True)]
        return [prior + value for prior, value in zip(self.prior, sums, strict=True)]

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
