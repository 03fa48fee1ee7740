"""The fast scorers give what the plain computations give, on every corpus message.

The model's scorer (:meth:`Model.scores`) and the rules' candidate search
(:func:`nextround.classify.scoring._candidates`) take short cuts: word caches,
packed integer sums, a byte translation for ASCII text, word pairs and a
one pass of an Aho-Corasick automaton for the phrases worth trying. Each is compared here with the
straightforward computation it replaces, on the subject and text of every
labelled message in a fixed sample of ``tests/mail/corpus`` (the blind sets are
not read) and on
the same texts cut and rejoined at random places.
"""

from __future__ import annotations

import math
import random
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.classify import features as features_module
from nextround.classify import model as model_module
from nextround.classify import scoring
from nextround.classify.features import WORD, features
from nextround.classify.model import Model, from_json, model
from nextround.classify.phrases import Alternatives, Phrase
from nextround.classify.rules import RULES
from nextround.classify.scoring import normalise, score
from nextround.domain.mail import Label
from nextround.mail.messages import parse_message
from tests.mail.corpus import CORPUS, build, load

#: Corpus messages read (a fixed random sample: the whole corpus takes a minute).
SAMPLE = 2_500
ODD = [
    "",
    "   ",
    "2026-12-04 10:00",
    "snake_case_words and under_scores",
    "zoë's café: ½ price, x² and Ⅻ; naïve — «quotes» 東京 面接のご案内",
    "unable to move forward with you. we can't. cannot to. go with another",
    "tab\tseparated\x1cfile\x1dseparators\u2028line",
]


@cache
def corpus_texts() -> tuple[str, ...]:
    """Normalised subject + text of every labelled message (the blind sets, ``blind/``,
    ``blind2/`` to ``blind11/`` and any later one, excluded: the last measures)."""
    files = sorted(
        path
        for path in CORPUS.rglob("*.txt")
        if not any(part.startswith("blind") for part in path.relative_to(CORPUS).parts)
        and not path.name.startswith("connect")
    )
    examples = [e for path in files for e in load(str(path.relative_to(CORPUS).with_suffix("")))]
    rng = random.Random(13)
    texts = []
    for example in rng.sample(examples, min(SAMPLE, len(examples))):  # kept quick
        message = parse_message(build(example))
        texts.append(normalise(message.subject, message.text))
    cut = [t[rng.randrange(len(t) + 1) :] + " " + t[: rng.randrange(len(t) + 1)] for t in texts]
    return (*texts, *cut, *ODD)


def test_the_corpus_is_read() -> None:
    assert len(corpus_texts()) > 2 * SAMPLE


# -- the model ---------------------------------------------------------------------------


def plain_scores(current: Model, text: str) -> list[float]:
    """The model's log-scores as the formula reads: prior plus each feature's row once."""
    totals = list(current.prior)
    for feature in features(text):
        row = current.weights.get(feature)
        if row is not None:
            for i, value in enumerate(row):
                totals[i] += value
    return totals


def plain_probabilities(current: Model, text: str) -> list[float]:
    scaled = [s / current.temperature for s in plain_scores(current, text)]
    exps = [math.exp(s - max(scaled)) for s in scaled]
    return [e / sum(exps) for e in exps]


def test_the_model_scores_equal_the_plain_sum_on_every_corpus_message() -> None:
    current = model()
    assert current._index.packed is not None  # three decimals: the packed sums are used
    for text in corpus_texts():
        fast = current.probabilities(text)
        plain = plain_probabilities(current, text)
        assert [fast[label] for label in current.labels] == pytest.approx(plain, abs=1e-9)
        assert current.scores(text) == pytest.approx(plain_scores(current, text), abs=1e-9)


def test_weights_with_more_decimals_are_summed_as_floats() -> None:
    rng = random.Random(5)
    data = {
        "labels": [label.value for label in Label],
        "prior": [-1.6] * len(Label),
        "temperature": 3.0,
        "weights": {
            key: [rng.uniform(-3, 3) for _ in Label]
            for key in ("w:interview", "c:terv", "b:not moving", "w:regret", "c: reg")
        },
    }
    current = from_json(data)
    assert current._index.packed is None
    for text in ("we regret: not moving", "interview", "", "regret regret interview"):
        assert current.scores(text) == pytest.approx(plain_scores(current, text), abs=1e-9)


def test_weights_with_three_decimals_are_packed_and_summed_exactly() -> None:
    """A model built here (the committed one is built once per process): negative and
    positive weights, several rows a word, each summed once."""
    rng = random.Random(8)
    keys = ("w:interview", "c:terv", "c:inte", "b:not moving", "w:not", "w:regret", "c: reg")
    data = {
        "labels": [label.value for label in Label],
        "prior": [-1.6, -1.2, -2.0, -3.1, -0.4],
        "temperature": 2.0,
        "weights": {key: [round(rng.uniform(-9, 9), 3) for _ in Label] for key in keys},
    }
    current = from_json(data)
    assert current._index.packed is not None
    for text in ("we regret: not moving", "interview interview", "", "regret, not moving on"):
        assert current.scores(text) == pytest.approx(plain_scores(current, text), abs=1e-9)


@pytest.mark.parametrize(
    ("value", "packed"),
    [
        (0.125, True),
        (-4.321, True),
        (999_999.5, True),
        (0.0005, False),  # a fourth decimal
        (1e6, False),  # too large for a field
        (-1e6, False),
    ],
)
def test_only_weights_of_three_decimals_under_a_million_are_packed(
    value: float, packed: bool
) -> None:
    assert model_module._Packed.fits([(0.5, value)]) is packed


def test_the_features_of_a_text_are_exactly_its_words_pairs_and_grams() -> None:
    assert features("ab cde") == {
        "w:ab", "w:cde", "b:ab cde", "c: ab ", "c: cde", "c:cde ",
    }  # fmt: skip
    assert features("a 12") == {"w:a"}  # a one-letter word has no gram; digits are no word


@pytest.mark.parametrize("text", ODD)
def test_the_model_reads_the_same_words_as_the_features(text: str) -> None:
    assert model_module.words_of(text) == WORD.findall(text)


def test_the_word_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """It starts over when a text's new words would take it past the bound, not before."""
    monkeypatch.setattr(features_module, "WORD_CACHE", 45)
    current = from_json(
        {"labels": [x.value for x in Label], "prior": [0.0] * 5, "temperature": 1.0, "weights": {}}
    )
    sizes = []
    for n in range(40):
        # nine new words a text (letters only: digits would split them off)
        words = (f"word{chr(97 + n % 26)}{'x' * (n // 26)}{chr(97 + i)}" for i in range(9))
        current.scores(" ".join(words))
        sizes.append(len(current._index.by_word))
    assert max(sizes) == 45  # 5 texts of 9 new words fill it exactly
    assert min(sizes[5:]) == 9  # then it starts over


def test_probabilities_stay_finite_for_very_low_scores() -> None:
    data = {
        "labels": [label.value for label in Label],
        "prior": [-900.0, -905.0, -910.0, -915.0, -920.0],
        "temperature": 1.0,
        "weights": {},
    }
    chances = from_json(data).probabilities("anything")
    assert sum(chances.values()) == pytest.approx(1.0)
    assert chances[Label.REJECTION] > 0.99


# -- the rules ---------------------------------------------------------------------------


def plain_candidates(text: str) -> dict[int, list[Phrase]]:
    """Every phrase of every rule, in the order the rules try them: no short cut."""
    del text  # every phrase is tried on every text
    return {number: list(rule.patterns) for number, rule in enumerate(RULES)}


def patterns(candidates: dict[int, list[Phrase]]) -> dict[int, set[str]]:
    return {n: {p.pattern.pattern for p in found} for n, found in candidates.items()}


def matching(candidates: dict[int, set[str]], text: str) -> dict[int, set[str]]:
    """Of the candidates, those whose pattern matches at all."""
    patterns = {p.pattern.pattern: p.pattern for rule in RULES for p in rule.patterns}
    kept = {n: {p for p in found if patterns[p].search(text)} for n, found in candidates.items()}
    return {n: found for n, found in kept.items() if found}


def test_the_rules_candidates_are_the_plain_ones_that_match() -> None:
    """Every phrase that matches is among the candidates, in the rules' order."""
    for text in corpus_texts():
        fast, plain = scoring._candidates(text), plain_candidates(text)
        assert matching(patterns(plain), text) == matching(patterns(fast), text)
        for number, found in fast.items():
            ordered = [p for p in plain[number] if p in found]
            assert found == ordered


def test_few_phrases_are_tried() -> None:
    """The short cut is one: on the corpus, a text has a few candidates, not all 1,600."""
    texts = corpus_texts()
    tried = sum(len(found) for text in texts for found in scoring._candidates(text).values())
    every = sum(len(rule.patterns) for rule in RULES)
    assert every > 1_000
    assert tried / len(texts) < 20


def test_score_is_unchanged_by_the_short_cuts(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = corpus_texts()
    fast = [score(text) for text in texts]

    monkeypatch.setattr(scoring, "_candidates", plain_candidates)
    assert fast == [score(text) for text in texts]


@given(
    st.lists(
        st.sampled_from(
            sorted(
                {
                    piece
                    for p in (q for r in RULES for q in r.patterns)
                    for n in p.needs
                    for piece in n
                }
            )
        )
        | st.text(alphabet="abcdeéilnorstuy '.,\n", max_size=6),
        max_size=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_finder_misses_no_phrase_in_texts_made_of_their_pieces(parts: list[str]) -> None:
    text = "".join(parts)
    matched = {n for n, (_, p) in enumerate(scoring._PHRASES) if p.pattern.search(text)}
    assert matched <= set(scoring._FINDER.possible(text))


def spans(found: re.Match[str] | None) -> tuple[int, int, str] | None:
    return None if found is None else (found.start(), found.end(), found.group(0))


def test_vetoes_searched_by_alternative_find_what_the_whole_regex_finds() -> None:
    vetoes = {rule.unless.pattern: rule.unless for rule in RULES if rule.unless}
    assert any(veto.pieces for veto in vetoes.values())  # the split is used
    sentences = [s for text in corpus_texts() for s in re.split(r"[.!?\n]", text)]
    for veto in vetoes.values():
        for sentence in sentences:
            assert spans(veto.search(sentence)) == spans(veto.whole.search(sentence))


@pytest.mark.parametrize(
    ("regex", "text"),
    [
        (r"\bif\b|assume|if you", "assume if you"),  # the leftmost match wins
        (r"if you|\bif\b", "so if you"),  # at one position, the first alternative
        (r"\bif\b|if you", "so if you"),
        (r"a(?:b|c)|x[|]y|z", "x|y ac"),  # "|" inside a group or a class is no split
        (r"(?i)ab|cd", "CD"),  # a global flag: not split
        (r"(a)x|\1", "a"),
        (r"\bno\b|n't", "nothing"),
        (r"mov(?:e|ed) (?:it|to)\b(?! application)|new time", "moved to application new time"),
    ],
)
def test_alternatives_search_as_the_regex_does(regex: str, text: str) -> None:
    assert spans(Alternatives(regex).search(text)) == spans(re.compile(regex).search(text))
