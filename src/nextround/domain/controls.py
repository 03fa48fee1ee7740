"""Control characters in text: stripped from what mail brings in, refused by what is written.

Mail is written by strangers: a subject may carry NUL bytes or a terminal
escape sequence. :func:`strip_controls` removes them before anything is
stored; :func:`refuse_controls` stops a writer (``.eml``, ``.ics``, ``.vcf``)
from carrying any that reached the data some other way, with an error that
names the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from nextround.errors import InvalidInput

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]")
#: The C0 controls and DEL of :data:`_CONTROLS` as bytes, and its C1 controls in UTF-8: most
#: text has none, which one byte translation and one search tell faster than the regex.
_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")


def strip_controls(text: str, *, lines: bool = True) -> str:
    """``text`` without control characters; line breaks and tabs kept when ``lines``,
    else each made a space (for one-line values such as a subject)."""
    data = text.encode("utf-8", "surrogatepass")
    if _C1_UTF8.search(data) is not None or len(data.translate(None, _C0_BYTES)) != len(data):
        text = _CONTROLS.sub("", text)
    return text if lines else _BREAKS.sub(" ", text)


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (tab and line breaks don't count), if any."""
    found = _CONTROLS.search(text)
    return found.group() if found else None


def refuse_controls(what: str, fields: Mapping[str, str | None]) -> None:
    """Raise :class:`InvalidInput` naming each field of ``what`` that holds a control character."""
    found = {name: first_control(value or "") for name, value in fields.items()}
    bad = {name: f"U+{ord(char):04X}" for name, char in found.items() if char is not None}
    if not bad:
        return
    name, code = next(iter(bad.items()))
    more = f" (and {len(bad) - 1} more fields)" if len(bad) > 1 else ""
    raise InvalidInput(
        f"{what} can't be written: its {name} holds the control character {code}{more}, "
        "which the file would carry to other programs; edit it first",
        fields={n: f"holds the control character {c}; remove it" for n, c in bad.items()},
    )
