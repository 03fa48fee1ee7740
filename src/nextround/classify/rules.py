"""The weighted phrases that the job-mail classifier reads, and when each one does not count.

The rules are data: one TOML file per language in ``data/`` (``en``, ``de``,
``fr``, ``es``, ``ja``) plus ``common.toml`` with the shared vetoes and sender
lists, read once at import. Each :class:`Rule` gives points to one label when
one of its phrases occurs in the lower-cased subject or new body text. Its
phrases are only tried when their literal pieces occur (see
:mod:`nextround.classify.phrases`); a hit is skipped when a negation comes just
before it (``negatable``), and is skipped when its sentence matches ``unless``
(the context that turns "we regret to inform you" into a rescheduling notice).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from nextround.classify.phrases import Alternatives, Phrase, compile_phrases
from nextround.domain.mail import Label

#: The rule files, in the order their rules are numbered.
LANGUAGES = ("en", "de", "fr", "es", "ja")


@dataclass(frozen=True)
class Rule:
    label: Label
    weight: float
    # One pattern per top-level alternative: a pattern that starts with a
    # literal is searched for quickly, a long alternation is tried at every position.
    patterns: tuple[Phrase, ...]
    negatable: bool
    unless: Alternatives | None  # searched as re.search would
    language: str = "en"
    #: A courtesy that opens letters of every kind ("thank you for applying"): alone, it
    #: yields to another label's rules (:data:`~nextround.classify.scoring.OPENER_YIELDS`).
    opener: bool = False

    @property
    def note(self) -> str:
        return f"{self.label.value} {self.weight:+.1f}"


def _rule(
    label: Label,
    weight: float,
    regex: str,
    *,
    negatable: bool = True,
    unless: str | None = None,
    language: str = "en",
    opener: bool = False,
) -> Rule:
    return Rule(
        label,
        weight,
        compile_phrases(regex),
        negatable,
        _veto_of(unless) if unless else None,
        language,
        opener,
    )


@cache
def _veto_of(regex: str) -> Alternatives:
    """One :class:`Alternatives` per distinct veto: rules share them (88 vetoes, 47 distinct),
    and each builds its own automaton."""
    return Alternatives(regex)


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(
        (resources.files(__package__) / "data" / f"{name}.toml").read_text("utf-8")
    )


def _veto(names: list[str], vetoes: dict[str, str]) -> str | None:
    parts = [vetoes[n[1:]] if n.startswith("@") else n for n in names]
    return "|".join(parts) or None


def load_rules(languages: tuple[str, ...] = LANGUAGES) -> tuple[Rule, ...]:
    """The rules of the given languages' data files, in file order."""
    vetoes = _COMMON["vetoes"]
    return tuple(
        _rule(
            Label(entry["label"]),
            float(entry["weight"]),
            "|".join(entry["phrases"]),
            negatable=entry.get("negatable", True),
            unless=_veto(entry.get("unless", []), vetoes),
            language=language,
            opener=entry.get("opener", False),
        )
        for language in languages
        for entry in _read(language)["rule"]
    )


#: The shared parts (``common.toml``), read once: vetoes, contexts, senders.
_COMMON = _read("common")
RULES: tuple[Rule, ...] = load_rules()

_CONTEXT = _COMMON["context"]
#: Words that name a post (``common.toml``, ``[context]``): see :mod:`.combined`.
JOB_POST = Alternatives(_CONTEXT["job_post"])
#: Mail about someone the user referred (``common.toml``, ``[context]``): see :mod:`.combined`.
REFERRAL = Alternatives(_CONTEXT["referral"])
#: The user's own withdrawal confirmed (``common.toml``, ``[context]``): see :mod:`.combined`.
OWN_WITHDRAWAL = Alternatives(_CONTEXT["own_withdrawal"])
#: An automatic reply by its subject (``common.toml``, ``[context]``): see :mod:`.combined`.
AUTO_REPLY = Alternatives(_CONTEXT["auto_reply"])
#: A place on a course, an incubator or a magazine refused (``common.toml``, ``[context]``).
NOT_A_JOB = Alternatives(_CONTEXT["not_a_job"])
#: Words of job mail, found inside words (``common.toml``, ``[context]``): see :mod:`.combined`.
JOB_WORDS = Alternatives("|".join(map(re.escape, _CONTEXT["job_words"])))

_SENDERS = _COMMON["senders"]
#: Domains of job boards whose mail is alerts and advertising, never an answer.
JOB_BOARDS = frozenset(_SENDERS["job_boards"])
#: Applicant-tracking systems: mail from them is about an application (a weak hint only).
ATS_DOMAINS = tuple(_SENDERS["ats_domains"])
