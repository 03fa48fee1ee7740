"""Deciding what a job mail means by the phrase rules alone: :func:`score` and :func:`classify`.

Weighted phrase rules (:mod:`nextround.classify.rules`) score each label on
the subject and the new text of the body (quoted earlier messages are not
read). The highest score wins when it is strong enough, else the message is
``other``. Confidence grows with the winning score and with its lead over the
runner-up, so that a message with one weak cue never reaches the 0.9 a caller
may auto-confirm at; a message that scores high for two labels stays below 0.5,
the lowest auto-confirm threshold there is (:func:`contested`).
"""

from __future__ import annotations

import math
import re

from nextround.classify.features import MODEL_READ_LIMIT
from nextround.classify.phrases import Phrase, PhraseFinder
from nextround.classify.rules import ATS_DOMAINS, JOB_BOARDS, RULES, Rule
from nextround.domain.mail import Classification, Label, MailMessage

#: A job label needs at least this score to beat ``other``.
MIN_SCORE = 2.0
#: An opener's points (:attr:`~nextround.classify.rules.Rule.opener`) count unless it is
#: its label's only evidence and another label has this many from the rest of the rules.
OPENER_YIELDS = 3.0
#: The most confidence contested mail gets (:func:`contested`): below the lowest
#: auto-confirm threshold the settings accept (0.5), so it always waits for review.
CONTESTED_CAP = 0.45
#: Characters of body text a reply to "OK to connect?" is read in (:mod:`.connect`).
READ_LIMIT = 6_000
#: Characters of new body text the classifier reads, the rules as the model: a job
#: mail's answer sits at its top (no label changed on any labelled corpus from 6,000 to
#: 800; the longest labelled message is about 1,200), and the work grows with the text.
CLASSIFY_LIMIT = MODEL_READ_LIMIT
_NEGATION = re.compile(r"\b(?:not|no longer|unable to|cannot|never|without)\b|n't\b")
_NEGATION_WINDOW = 30
_TYPOGRAPHY = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
_SENTENCE_ENDS = re.compile(r"[.!?;\n]")
#: Words in quotation marks are somebody else's: a friend quoting the no they got, a
#: newsletter quoting typical rejection lines. A quoted span of at least
#: :data:`REPORTED_WORDS` words on one line is left out of what the rules and the model
#: read; a shorter one (a job title, a company's name) stays, and so does a status an
#: applicant-tracking system quotes ("status changed to „Absage ...“"). The marks
#: must face their words: an opening ``"`` after no letter or digit (an inch mark stays)
#: and before a non-space, a closing one the reverse; ``« ... »`` may have spaces
#: inside, ``»...«`` may not. Bounded: each opening mark looks at most 400 characters
#: ahead on its line; the text is at most :data:`CLASSIFY_LIMIT` characters and a subject.
_REPORTED = re.compile(
    r'(?<![\w"])"(?=\S)([^"\n]{1,400})(?<=\S)"(?!\w)'
    r'|\u201e(?=\S)([^"\u201e\n]{1,400})(?<=\S)"(?!\w)'
    r"|\u00ab ?([^\u00ab\u00bb\n]{1,400}?) ?\u00bb"
    r"|\u00bb(?=\S)([^\u00ab\u00bb\n]{1,400})(?<=\S)\u00ab"
)
#: The fewest words a quotation needs to be left out (4: "we went another way").
REPORTED_WORDS = 4
_QUOTE_MARKS = ('"', "\u201e", "\u00ab", "\u00bb")
#: What comes before a quoted status rather than reported speech: a status named, or
#: "changed to", "auf", "à", "a" just before the mark.
_STATUS_BEFORE = re.compile(
    r"(?:status|statut|estado|stand)\b[^.\n]{0,40}$|\b(?:to|as|auf|als|zu|à|a|en|como)\s*$"
)


def normalise(subject: str, text: str) -> str:
    """Lower-cased subject and the start of the body, typographic quotes made plain and
    quotations of :data:`REPORTED_WORDS` words or more left out (:data:`_REPORTED`)."""
    plain = _plain_quotes(f"{subject}\n{text[:CLASSIFY_LIMIT]}".lower())
    if any(mark in plain for mark in _QUOTE_MARKS):
        plain = _REPORTED.sub(_reported, plain)
    return plain


def _reported(found: re.Match[str]) -> str:
    quoted = next(part for part in found.groups() if part is not None)
    if len(quoted.split()) < REPORTED_WORDS:
        return found.group(0)
    before = found.string[max(0, found.start() - 60) : found.start()]
    return found.group(0) if _STATUS_BEFORE.search(before) else '"..."'


def _plain_quotes(text: str) -> str:
    for fancy, plain in _TYPOGRAPHY:
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    found = _SENTENCE_ENDS.search(text, end)
    return text[left : found.start() if found else len(text)]


def _negated(text: str, start: int) -> bool:
    window = text[max(0, start - _NEGATION_WINDOW) : start]
    cut = max(window.rfind(c) for c in ".!?\n,") + 1
    return _NEGATION.search(window, cut) is not None


def _first_hit(rule: Rule, phrases: list[Phrase], text: str) -> tuple[str | None, str | None]:
    """The phrase that makes the rule count, or the reason it was ignored."""
    ignored: str | None = None
    for candidate in phrases:
        for found in candidate.pattern.finditer(text):
            phrase = found.group(0).strip()
            if rule.negatable and _negated(text, found.start()):
                ignored = f'ignored "{phrase}": negated'
                continue
            if rule.unless is not None:
                context = rule.unless.search(_sentence(text, found.start(), found.end()))
                if context is not None:
                    ignored = f'ignored "{phrase}": sentence says "{context.group(0).strip()}"'
                    continue
            return phrase, None
    return None, ignored


#: Every phrase of every rule, in the rules' order and each rule's own.
_PHRASES = [(number, phrase) for number, rule in enumerate(RULES) for phrase in rule.patterns]
_FINDER = PhraseFinder([phrase for _, phrase in _PHRASES])


def _candidates(text: str) -> dict[int, list[Phrase]]:
    """The phrases worth trying on this text, by rule number, each rule's in its order:
    those whose literal pieces occur (:class:`~nextround.classify.phrases.PhraseFinder`,
    one pass over the text for all of them)."""
    found: dict[int, list[Phrase]] = {}
    for at in _FINDER.possible(text):
        number, phrase = _PHRASES[at]
        found.setdefault(number, []).append(phrase)
    return found


#: The labels, once (iterating the enum each time costs more than the look-ups).
_LABELS = tuple(Label)


def score(text: str, rules: tuple[Rule, ...] = RULES) -> tuple[dict[Label, float], list[str]]:
    """Points per label, and the evidence for them, for normalised text."""
    points = dict.fromkeys(_LABELS, 0.0)
    evidence: list[str] = []
    openers: list[tuple[Rule, str]] = []
    candidates = _candidates(text)
    for number in sorted(candidates):
        rule = rules[number]
        phrase, ignored = _first_hit(rule, candidates[number], text)
        if phrase is not None and rule.opener:
            openers.append((rule, phrase))
        elif phrase is not None:
            points[rule.label] += rule.weight
            evidence.append(f'{rule.label.value}: "{phrase}" ({rule.weight:+.1f})')
        elif ignored is not None:
            evidence.append(ignored)
    for rule, phrase in openers:
        said = max((p for label, p in points.items() if label is not rule.label), default=0.0)
        if said >= OPENER_YIELDS and not points[rule.label]:
            evidence.append(f'ignored "{phrase}": it opens letters of every kind')
        else:
            points[rule.label] += rule.weight
            evidence.append(f'{rule.label.value}: "{phrase}" ({rule.weight:+.1f})')
    return points, evidence


def _sender_hint(sender_domain: str) -> tuple[Label | None, str]:
    if any(sender_domain == d or sender_domain.endswith("." + d) for d in JOB_BOARDS):
        return Label.OTHER, f"other: sent by job board {sender_domain} (+1.0)"
    if any(sender_domain == d or sender_domain.endswith("." + d) for d in ATS_DOMAINS):
        return None, f"sent through applicant-tracking system {sender_domain}"
    return None, ""


def contested(top: float, runner_up: float) -> bool:
    """Whether a second label scores high too: enough to be a label of its own, and at
    least half the winner's score. Such mail is a guess, however high the winner scores."""
    return runner_up >= MIN_SCORE and runner_up * 2 >= top


def _confidence(top: float, runner_up: float) -> float:
    lead = 1.0 - math.exp(-(top - runner_up) / 2.5)
    strength = 1.0 - math.exp(-top / 2.0)
    value = min(0.99, 0.25 + 0.75 * lead * strength)
    if contested(top, runner_up):  # from CONTESTED_CAP at half the score down to a tie's 0.25
        value = min(value, 0.25 + (CONTESTED_CAP - 0.25) * 2 * (1 - runner_up / top))
    return round(value, 3)


def classify(message: MailMessage) -> Classification:
    """Label a received message, with a confidence in 0..1 and the evidence used."""
    points, evidence = score(normalise(message.subject, message.text))
    hint, note = _sender_hint(message.sender_domain)
    if hint is not None:
        points[hint] += 1.0
    if note:
        evidence.append(note)
    ranked = sorted(points.items(), key=lambda item: item[1], reverse=True)
    (label, top), (_, second) = ranked[0], ranked[1]
    if label is not Label.OTHER and top < MIN_SCORE:
        evidence.append(f"no label reached {MIN_SCORE}: other")
        return Classification(Label.OTHER, _confidence(MIN_SCORE, top) * 0.6, tuple(evidence))
    if label is Label.OTHER and top < MIN_SCORE:
        return Classification(Label.OTHER, _confidence(MIN_SCORE, second) * 0.6, tuple(evidence))
    return Classification(label, _confidence(top, second), tuple(evidence))
