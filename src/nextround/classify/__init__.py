"""The job-mail classifier: what a received message means, and replies to "OK to connect?".

A package of its own, pure like :mod:`nextround.domain` (standard library
only): weighted phrase rules kept as data files per language
(:mod:`nextround.classify.rules`, scored by :mod:`nextround.classify.scoring`).
See docs/classifier.md.
"""

from __future__ import annotations

from nextround.classify.combined import classify
from nextround.classify.connect import connect_answer

__all__ = ["classify", "connect_answer"]
