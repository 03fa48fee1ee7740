"""The held-out sets per language, the training script's reproducibility, the Wilson interval.

The held-out sets are the blind sets' held-out parts (``tests/mail/corpus/blind/``,
written by authors who never saw the rules; 100 per language kept from tuning by
``tests.mail.evaluation.blind_split``) and the hand-written corpus's held-out part.
Their floors sit a little under the figures recorded in docs/classifier.md, so a
regression fails; they are below issue 13's targets, which are not met. The
development sets (``dev/``, ``heldout/``: tuned on) keep their own, higher floors.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from nextround.classify.model import MODEL_FILE
from tests.mail.evaluation import Report, counts, dev_sets, evaluate, held_out_sets, wilson

ROOT = Path(__file__).resolve().parents[2]

#: (precision, recall) floors for rejections per held-out set (the blind sets' held-out
#: parts, 50 rejections each): a little under the figures in docs/classifier.md.
#: Measured: en 0.960/0.960, de 0.875/0.980, fr 0.938/0.900, es 0.913/0.840, en-hand 1/1.
REJECTION_FLOORS = {
    "en": (0.94, 0.94),
    "de": (0.85, 0.96),
    "fr": (0.92, 0.88),
    "es": (0.89, 0.82),
    "en-hand": (0.96, 0.96),
}
#: Floors for the development sets (tuned on: 1.000 / 1.000 but for English precision 0.992).
DEV_FLOORS = (0.97, 0.97)
#: Floor for every label's recall and precision in every set (8-28 examples each).
ANY_LABEL_FLOOR = 0.5  # the lowest measured: 0.64, French other and German other's recall


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


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_rejections_on_the_development_sets_they_were_tuned_on(lang: str) -> None:
    report = evaluate(dev_sets()[lang])
    assert report.precision("rejection") >= DEV_FLOORS[0]
    assert report.recall("rejection") >= DEV_FLOORS[1]


def test_every_label_in_every_held_out_set(reports: dict[str, Report]) -> None:
    for name, report in reports.items():
        for label in ("interview_invite", "application_received", "offer", "other"):
            assert report.precision(label) >= ANY_LABEL_FLOOR, (name, label)
            assert report.recall(label) >= ANY_LABEL_FLOOR, (name, label)


def test_confident_answers_are_nearly_always_right(reports: dict[str, Report]) -> None:
    sure = [(e, c) for r in reports.values() for e, c in r.results if c.confidence >= 0.9]
    wrong = [e.id for e, c in sure if c.label.value != e.label]
    assert len(sure) >= 200  # 258 measured, 6 wrong
    assert len(wrong) <= 0.03 * len(sure), wrong


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


def _script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_training_script_reproduces_the_committed_weights() -> None:
    train = _script("train_classifier")
    committed = (ROOT / "src" / "nextround" / "classify" / "data" / MODEL_FILE).read_text("utf-8")
    assert train.train() == committed


def test_the_training_script_reads_no_held_out_file() -> None:
    train = _script("train_classifier")
    assert all("heldout" not in name and "blind" not in name for name in train.TRAIN_FILES)
    assert all(name.startswith(("train/", "train_hand/")) for name in train.training_files())
    ids = {e.id for e in train.training_examples()} | {e.id for e in train.calibration_examples()}
    held = {e.id for examples in held_out_sets().values() for e in examples}
    dev = {e.id for examples in dev_sets().values() for e in examples}
    assert ids and not ids & held and not ids & dev


def test_the_training_script_reads_hand_written_training_files_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    train = _script("train_classifier")
    (tmp_path / "train").mkdir()
    for name in train.TRAIN_FILES:
        (tmp_path / f"{name}.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(train, "CORPUS", tmp_path)
    assert train.training_files() == list(train.TRAIN_FILES)
    (tmp_path / "train_hand").mkdir()
    (tmp_path / "train_hand" / "de.txt").write_text(
        "=== hde-1 rejection plain\nFrom: a@b.de\nSubject: Absage\n\nLeider nein.\n"
        "=== hde-2 yes plain\nFrom: a@b.de\nSubject: Re\n\nJa gern.\n",
        encoding="utf-8",
    )
    assert train.training_files() == [*train.TRAIN_FILES, "train_hand/de"]
    monkeypatch.setattr(train, "load", lambda name: load_file(tmp_path, name))
    examples = train.training_examples()
    assert [e.id for e in examples] == ["hde-1"]  # connect replies are not classifier labels


def load_file(folder: Path, name: str) -> list[object]:
    from tests.mail.corpus import _example

    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return [_example(chunk) for chunk in text.split("=== ")[1:]]
