"""Personal and household mail, which is no job mail at all (``tests/mail/corpus/personal/``).

60 messages a language, written by four more authors who never saw the rules, the model
or the other corpora: family and friends, parties and clubs, a dentist's and a garage's
appointments, bookings and deliveries, colleagues moving a 1:1. Every one is ``other``; a
scan files the rest as job mail for review. Measured first on 5 December 2026 (docs/
classifier.md): 58 of the 240 filed before the model-alone check, 44 after; the ceilings
below sit a little over the figures, so a regression fails. Not tuned on.
"""

from __future__ import annotations

from collections import Counter

import pytest

from nextround.classify import classify
from nextround.mail.messages import parse_message
from tests.mail.corpus import build, load

#: At most this many of a language's 60 filed as job mail (measured: en 12, de 12, fr 12, es 8).
CEILINGS = {"en": 14, "de": 14, "fr": 14, "es": 10}


@pytest.mark.parametrize("language", sorted(CEILINGS))
def test_personal_mail_is_seldom_filed_as_job_mail(language: str) -> None:
    examples = load(f"personal/{language}")
    assert len(examples) == 60 and {e.label for e in examples} == {"other"}
    filed = Counter(
        label
        for label in (classify(parse_message(build(e))).label.value for e in examples)
        if label != "other"
    )
    assert sum(filed.values()) <= CEILINGS[language], filed
    assert filed["rejection"] <= 1  # a no to a booking, read as a job's: the costliest kind
