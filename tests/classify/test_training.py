"""The training script: reproducible weights, and which corpus files it reads.

Nothing here reads the held-out eighteenth blind sets (``tests/mail/corpus/blind18/``):
that the script never reads them is checked on its file names here, and on the
messages themselves in ``test_heldout.py`` (run when the held-out sets are measured).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from nextround.classify.model import MODEL_FILE
from tests.mail.corpus import Example, _example, load, load_labelled, split

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "de", "fr", "es")


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_training_script_reproduces_the_committed_weights() -> None:
    train = script("train_classifier")
    committed = (ROOT / "src" / "nextround" / "classify" / "data" / MODEL_FILE).read_text("utf-8")
    assert train.train() == committed


def test_the_training_script_reads_training_files_and_the_first_ten_blind_sets_only() -> None:
    train = script("train_classifier")
    assert all(name.startswith("train/") for name in train.TRAIN_FILES)
    names = [*train.TRAIN_FILES, *train.HAND_FILES, *train.training_files()]
    assert all(
        name.split("/")[0]
        in {
            "train",
            "train_hand",
            "train_hand2",
            "train_hand3",
            "train_hand4",
            "train_hand5",
            "train_hand6",
            *TRAINED_BLIND,
        }
        for name in names
    )
    for folder in (
        *TRAINED_BLIND,
        "train_hand",
        "train_hand2",
        "train_hand3",
        "train_hand4",
        "train_hand5",
        "train_hand6",
    ):
        assert {f"{folder}/{lang}" for lang in LANGUAGES} <= set(train.training_files())


def test_the_training_script_reads_no_development_or_held_out_message() -> None:
    train = script("train_classifier")
    read = train.training_examples() + train.calibration_examples()
    ids = {e.id for e in read}
    bodies = {e.body for e in read}
    apart: list[Example] = split(load_labelled())[1]  # the hand-written corpus's held-out part
    for lang in LANGUAGES:
        apart += load(f"dev/{lang}") + load(f"heldout/{lang}")
    assert ids and not ids & {e.id for e in apart}
    assert not bodies & {e.body for e in apart}


#: The blind sets the training script reads (since round 12): the first ten.
TRAINED_BLIND = ("blind", *(f"blind{n}" for n in range(2, 11)))
#: The blind sets and the generated development set: of them the training script reads
#: only :data:`TRAINED_BLIND`, never the eleventh to eighteenth (tuned on, or held out).
BLIND_AND_DEV = (*TRAINED_BLIND, *(f"blind{n}" for n in range(11, 19)), "dev")


def test_the_training_script_reads_hand_written_files_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    train = script("train_classifier")
    (tmp_path / "train").mkdir()
    for name in train.TRAIN_FILES:
        (tmp_path / f"{name}.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(train, "CORPUS", tmp_path)
    assert train.training_files() == list(train.TRAIN_FILES)
    for folder in ("train_hand", *BLIND_AND_DEV):
        (tmp_path / folder).mkdir()
    (tmp_path / "train_hand" / "de.txt").write_text(
        "=== hde-1 rejection plain\nFrom: a@b.de\nSubject: Absage\n\nLeider nein.\n"
        "=== hde-2 yes plain\nFrom: a@b.de\nSubject: Re\n\nJa gern.\n",
        encoding="utf-8",
    )
    assert train.training_files() == [*train.TRAIN_FILES, "train_hand/de"]
    for folder in BLIND_AND_DEV:
        (tmp_path / folder / "fr.txt").write_text(
            f"=== {folder}-fr-1 offer plain\nFrom: a@b.fr\nSubject: Offre\n\nBienvenue.\n",
            encoding="utf-8",
        )
    read_blind = [f"{folder}/fr" for folder in TRAINED_BLIND]
    assert train.training_files() == [*train.TRAIN_FILES, "train_hand/de", *read_blind]
    (tmp_path / "blind7" / "fr_b.txt").write_text(
        "=== blind7-fr-b offer plain\nFrom: a@b.fr\nSubject: Offre\n\nBienvenue.\n",
        encoding="utf-8",
    )
    assert "blind7/fr_b" in train.training_files()  # a second author's file is read too
    monkeypatch.setattr(train, "load", lambda name: load_file(tmp_path, name))
    examples = train.training_examples()
    assert [e.id for e in examples][:2] == ["hde-1", "blind-fr-1"]  # connect replies are no labels
    assert {e.id.split("-")[0] for e in examples} == {"hde", *TRAINED_BLIND}


def load_file(folder: Path, name: str) -> list[Example]:
    text = (folder / f"{name}.txt").read_text(encoding="utf-8")
    return [_example(chunk) for chunk in text.split("=== ")[1:]]
