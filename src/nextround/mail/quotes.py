"""Setting apart the earlier messages a reply quotes, so only the new text is read.

Recognised: lines starting with ``>``; an attribution line ("On <date>, <name>
wrote:", also wrapped over two lines and in a few other languages) and all
that follows; Outlook's "-----Original Message-----" and its "From: / Sent: /
To: / Subject:" header block and all that follows.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"^(?:on\b.{0,300}\bwrote|le\b.{0,300}\ba écrit|am\b.{0,300}\bschrieb\b.{0,200}"
    r"|el\b.{0,300}\bescribió|op\b.{0,300}\bschreef|il\b.{0,300}\bha scritto)\s*:?\s*$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(
    r"^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_FROM = re.compile(r"^\*?(?:from|von|de|van)\s*:\*?\s", re.IGNORECASE)
_SENT = re.compile(r"^\*?(?:sent|date|gesendet|envoyé|enviado|datum)\s*:", re.IGNORECASE)
_RULE = re.compile(r"^_{8,}\s*$")


# Starts with a newline so that the search jumps from line to line.
_CANDIDATE = re.compile(
    r"\n[ \t*]*(?:on|le|am|el|op|il|-{2,}|_{8,}|from|von|de|van)\b", re.IGNORECASE
)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*(?:\n|$)", re.MULTILINE)


def _starts_quote(lines: list[str]) -> bool:
    """Whether the first of these lines opens a quoted earlier message."""
    line = lines[0].strip()
    if _ORIGINAL.match(line) or _ATTRIBUTION.match(line):
        return True
    if len(lines) > 1 and len(line) < 200 and _ATTRIBUTION.match(f"{line} {lines[1].strip()}"):
        return True
    if _RULE.match(line):
        return len(lines) > 1 and bool(_FROM.match(lines[1].strip()))
    if _FROM.match(line):
        return any(_SENT.match(s.strip()) for s in lines[1:5])
    return False


def _cut(text: str) -> int:
    """Where the quoted block at the end starts (``len(text)`` when there is none)."""
    for candidate in _CANDIDATE.finditer("\n" + text):
        start = (
            candidate.start()
        )  # in ``text``: one less for the added newline, one more for its own
        if _starts_quote(text[start : start + 1200].split("\n", 5)[:5]):
            return start
    return len(text)


def split_quoted(text: str) -> tuple[str, str]:
    """Return (new text, quoted text) of a plain-text body."""
    cut = _cut(text)
    head, tail = text[:cut], text[cut:]
    if ">" not in head:
        return head.strip(), tail.strip()
    quoted = "".join(_QUOTED_LINE.findall(head))
    head = _QUOTED_LINE.sub("", head)
    return head.strip(), f"{quoted}\n{tail}".strip()
