"""The features the trained model reads: words, word pairs and letter 4-grams of a text.

Shared by the runtime scorer (:mod:`nextround.classify.model`) and the training
script (``scripts/train_classifier.py``), so both see the same features.
Digits are dropped (dates, salaries and reference numbers say nothing about the
label) and each feature counts once per message.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection

#: Characters of normalised text the model reads (the signals sit near the top).
MODEL_READ_LIMIT = 1_200
#: A word: letters only (digits and underscores split words).
WORD = re.compile(r"[^\W\d_]+")
#: Length of the letter grams, read inside each word padded with a space each side.
GRAM = 4


def features(text: str) -> frozenset[str]:
    """The features of a normalised (lower-cased) text."""
    tokens = WORD.findall(text[:MODEL_READ_LIMIT])
    found: set[str] = {f"w:{token}" for token in tokens}
    found.update(f"b:{a} {b}" for a, b in itertools.pairwise(tokens))
    for token in tokens:
        padded = f" {token} "
        found.update(f"c:{padded[i : i + GRAM]}" for i in range(len(padded) - GRAM + 1))
    return frozenset(found)


#: Distinct words whose rows are kept between messages (then the cache starts over).
WORD_CACHE = 20_000


def rows_of_words(
    known: dict[str, tuple[int, ...]],
    words: Collection[str],
    rows: Callable[[str], tuple[int, ...]],
) -> set[int]:
    """The union of each word's ``rows``, cached in ``known`` (cleared when it would pass
    :data:`WORD_CACHE`). One look-up per word: another thread may clear the cache between two."""
    try:
        return set().union(*map(known.__getitem__, words))
    except KeyError:  # a word not met yet
        if len(known) + len(words) > WORD_CACHE:
            known.clear()
        parts = []
        for word in words:
            found = known.get(word)
            if found is None:
                found = known[word] = rows(word)
            parts.append(found)
        return set().union(*parts)
