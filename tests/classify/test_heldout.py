"""The held-out sets per language, the training script's reproducibility, the Wilson interval.

The held-out sets are the eighteenth blind sets (``tests/mail/corpus/blind18/``, whole: two
files a language by two authors who never saw the rules, 160 rejections a language) and
the hand-written corpus's held-out part. The first seventeen blind sets (``blind/`` to
``blind17/``) are development data now, tuned on (``blind/`` to ``blind10/`` trained on too).
Their floors sit a little under the figures recorded in docs/classifier.md, so a
regression fails; issue 13's targets are met but in French and Spanish recall. The
development sets (``dev/``, ``heldout/`` and the first seventeen blind sets: tuned on) keep their own floors in
``test_development.py``, which never reads the held-out sets.
"""

from __future__ import annotations

import pytest

from tests.mail.evaluation import Report, counts, evaluate, held_out_sets, wilson

#: (precision, recall) floors for rejections per held-out set: a little under the figures
#: in docs/classifier.md, measured once on the eighteenth blind sets (160 rejections each)
#: with round 14 at commit 1ada9cc: en 0.987/0.975, de 1.000/0.988, fr 1.000/0.938,
#: es 0.993/0.944, en-hand 1/1. Issue 13's targets (0.98 / 0.95) are met but in French
#: and Spanish recall (the six latest measures together meet both in every language).
REJECTION_FLOORS = {
    "en": (0.97, 0.96),
    "de": (0.98, 0.97),
    "fr": (0.98, 0.92),
    "es": (0.98, 0.93),
    "en-hand": (0.96, 0.96),
}
#: Floor for every label's recall and precision in every set (8-28 examples each).
ANY_LABEL_FLOOR = 0.5  # the lowest measured on blind18/: 0.82, Spanish other's precision


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {name: evaluate(examples) for name, examples in held_out_sets().items()}


@pytest.mark.parametrize("name", sorted(REJECTION_FLOORS))
def test_rejections_on_held_out_sets(reports: dict[str, Report], name: str) -> None:
    precision, recall = REJECTION_FLOORS[name]
    report = reports[name]
    assert report.support("rejection") >= 28
    assert report.precision("rejection") >= precision
    assert report.recall("rejection") >= recall


def test_every_label_in_every_held_out_set(reports: dict[str, Report]) -> None:
    for name, report in reports.items():
        for label in ("interview_invite", "application_received", "offer", "other"):
            assert report.precision(label) >= ANY_LABEL_FLOOR, (name, label)
            assert report.recall(label) >= ANY_LABEL_FLOOR, (name, label)


def test_confident_answers_are_nearly_always_right(reports: dict[str, Report]) -> None:
    sure = [(e, c) for r in reports.values() for e, c in r.results if c.confidence >= 0.9]
    wrong = [e.id for e, c in sure if c.label.value != e.label]
    assert len(sure) >= 620  # 692 measured on blind18/ and en-hand, 1 wrong
    assert len(wrong) <= 0.035 * len(sure), wrong


def test_held_out_sets_have_a_hundred_per_language_half_rejections() -> None:
    for lang, examples in held_out_sets().items():
        if lang == "en-hand":
            continue
        assert len(examples) >= 100
        assert sum(e.label == "rejection" for e in examples) * 2 >= len(examples)


def test_counts_and_wilson() -> None:
    report = Report()
    report.confusion[("rejection", "rejection")] = 9
    report.confusion[("rejection", "other")] = 1
    report.confusion[("other", "rejection")] = 1
    assert counts(report, "rejection") == (9, 10, 10)
    low, high = wilson(9, 10)
    assert (round(low, 3), round(high, 3)) == (0.596, 0.982)
    assert wilson(0, 0) == (0.0, 1.0)
    low, high = wilson(50, 50)
    assert high == 1.0 and round(low, 3) == 0.929


def test_the_training_script_reads_no_held_out_message() -> None:
    """By the messages themselves (``test_training.py`` checks the file names without
    reading the held-out sets)."""
    from tests.classify.test_training import script

    train = script("train_classifier")
    read = train.training_examples() + train.calibration_examples()
    held = [e for examples in held_out_sets().values() for e in examples]
    assert read and held
    assert not {e.id for e in read} & {e.id for e in held}
    assert not {e.body for e in read} & {e.body for e in held}
