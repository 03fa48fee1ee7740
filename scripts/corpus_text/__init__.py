"""Text banks for the generated classifier corpora (``scripts/make_corpus.py``).

``train_*`` modules feed the training corpus; ``heldout_*`` modules were
written separately, with other greetings, closings, subjects and core
sentences, so that held-out figures are not measured on the training templates.
"""

from types import ModuleType
from typing import Any


def add_more(bank: dict[str, Any], more: ModuleType) -> None:
    """Extend a training bank's namespace (its ``globals()``) with a ``more_*`` bank:
    more senders' styles, indirect wording and hard negatives (issue 13)."""
    for name in ("GREETINGS", "OPENERS", "CLOSINGS", "SIGNERS"):
        bank[name] += getattr(more, name)
    bank["NEUTRAL"], bank["FOOTERS"] = more.NEUTRAL, more.FOOTERS
    for label in bank["CORES"]:
        for name in ("SUBJECTS", "CORES", "EXTRAS"):
            bank[name][label] += getattr(more, name)[label]
