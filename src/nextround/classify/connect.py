"""Reading a reply to "OK to connect on LinkedIn?": yes, no, or not yet, in four languages.

The cues are data: the ``[connect]`` table of each language's rule file
(``yes``, ``no`` and ``hedge`` patterns), joined into one pattern per kind so a
reply is read in whichever of English, German, French or Spanish it is written.
"""

from __future__ import annotations

import re

from nextround.classify.rules import LANGUAGES, _read
from nextround.classify.scoring import READ_LIMIT, _negated, _plain_quotes
from nextround.domain.mail import MailMessage


def _cues(kind: str) -> re.Pattern[str]:
    patterns = [
        pattern
        for language in LANGUAGES
        for pattern in _read(language).get("connect", {}).get(kind, [])
    ]
    return re.compile("|".join(patterns))


_YES = _cues("yes")
_NO = _cues("no")
_HEDGE = _cues("hedge")
_ASKED = re.compile(r"linkedin|connect|vernetz|conect")


def connect_answer(message: MailMessage) -> tuple[bool | None, float, tuple[str, ...]]:
    """Guess the answer to "OK to connect on LinkedIn?": yes, no, or None when unclear.

    The confidence is that of the returned answer (for None: that the reply
    gives no answer). Only the new text is read; the quoted question, when
    present, only makes the reading more certain.
    """
    text = _plain_quotes(message.text[:READ_LIMIT].lower())
    yes = [m.group(0) for m in _YES.finditer(text) if not _negated(text, m.start())]
    no = [m.group(0) for m in _NO.finditer(text)]
    hedges = [m.group(0) for m in _HEDGE.finditer(text)]
    evidence = tuple(
        [f'yes: "{p}"' for p in yes]
        + [f'no: "{p}"' for p in no]
        + [f'unclear: "{p}"' for p in hedges]
    )
    asked = bool(_ASKED.search(message.quoted.lower()) or _ASKED.search(text))
    if no and len(no) >= len(yes):
        return False, _connect_confidence(len(no) - len(yes) / 2, hedges, asked), evidence
    if yes and not (hedges and len(yes) < 2):
        return True, _connect_confidence(len(yes) - len(no), hedges, asked), evidence
    return None, 0.6 if hedges else 0.5, evidence


def _connect_confidence(cues: float, hedges: list[str], asked: bool) -> float:
    value = 0.6 + 0.15 * min(cues, 2.5) - 0.15 * len(hedges) - (0.0 if asked else 0.2)
    return round(max(0.3, min(0.95, value)), 3)
