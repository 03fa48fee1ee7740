"""The labelled job-mail examples: reading them, building real MIME bytes, splitting them.

The format of the example files is described in ``tests/mail/corpus/README.md``.
Each example's bytes are built in the shape it declares (plain, quoted-printable,
base64, HTML only, multipart/alternative, with an attachment, undeclared 8-bit
charset), so that evaluations go through ``parse_message`` for real.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html
import re
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr, parseaddr
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
LABEL_FILES = ("rejection", "interview_invite", "application_received", "offer", "other")
#: The share of each label's examples held out from tuning.
HELD_OUT_SHARE = 0.3
_SHAPES = frozenset({"plain", "qp", "b64", "html", "htmlqp", "alt", "attach", "raw8"})
_QUOTE_START = re.compile(
    r"^(?:>|-{2,}\s*Original Message|On .*wrote:\s*$|Am .*schrieb|Le .*a écrit|On .*Sam Okafor wrote)"
)


@dataclass(frozen=True)
class Example:
    id: str
    label: str  # a classifier label, or yes / no / unclear for connect replies
    shape: str
    charset: str
    body: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def subject(self) -> str:
        return self.headers.get("Subject", "")


def load(name: str) -> list[Example]:
    """The examples of one file (``rejection``, ``connect``, ...)."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return [_example(chunk) for chunk in text.split("=== ")[1:]]


def load_labelled() -> list[Example]:
    """Every example of the five classifier labels."""
    return [example for name in LABEL_FILES for example in load(name)]


def _example(chunk: str) -> Example:
    first, _, rest = chunk.partition("\n")
    ident, label, shape, *charset = first.split()
    assert shape in _SHAPES, f"{ident}: unknown shape {shape}"
    head, _, body = rest.partition("\n\n")
    headers = dict(line.split(": ", 1) for line in head.splitlines())
    return Example(ident, label, shape, charset[0] if charset else "utf-8", body.strip(), headers)


def split(
    examples: list[Example], share: float = HELD_OUT_SHARE
) -> tuple[list[Example], list[Example]]:
    """(the rest, the set apart): per label, the ``share`` of ids with the smallest hashes
    is set apart (the hand-written corpus holds those out)."""
    held_out: set[str] = set()
    for label in sorted({e.label for e in examples}):
        ids = sorted(
            (e.id for e in examples if e.label == label),
            key=lambda i: hashlib.sha256(i.encode()).hexdigest(),
        )
        held_out.update(ids[: round(len(ids) * share)])
    return (
        [e for e in examples if e.id not in held_out],
        [e for e in examples if e.id in held_out],
    )


# -- building MIME bytes ------------------------------------------------------


def build(example: Example) -> bytes:
    """The example as the raw bytes of a received message."""
    charset = example.charset
    header_charset = "utf-8" if charset == "shift_jis" else charset
    lines = [
        f"From: {_address(example.headers['From'], header_charset)}",
        f"To: {_address(example.headers.get('To', 'Sam Okafor <sam.okafor@example.com>'), header_charset)}",
        f"Subject: {_encode_header(example.subject, header_charset)}",
        "Date: Mon, 03 Mar 2025 10:00:00 +0000",
        f"Message-ID: <{example.id}@corpus.nextround.test>",
    ]
    if "In-Reply-To" in example.headers:
        lines.append(f"In-Reply-To: {example.headers['In-Reply-To']}")
    lines.append("MIME-Version: 1.0")
    head = "\r\n".join(lines).encode("ascii") + b"\r\n"
    return head + _body(example)


def _address(raw: str, charset: str) -> str:
    name, address = parseaddr(raw)
    if name.isascii():
        return formataddr((name, address))
    return f"{_encode_header(name, charset)} <{address}>"


def _encode_header(value: str, charset: str) -> str:
    """The value as an encoded-word in the charset, or in UTF-8 where it can't hold it."""
    if value.isascii():
        return value
    try:
        value.encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
    return Header(value, charset).encode()


def _body(example: Example) -> bytes:
    text, charset, boundary = example.body, example.charset, f"==nr-{example.id}=="
    shape = example.shape
    if shape == "raw8":
        return _part("text/plain", text.encode("cp1252"), None, "8bit")
    if shape in {"plain", "qp", "b64"}:
        cte = {"plain": "8bit", "qp": "quoted-printable", "b64": "base64"}[shape]
        return _part("text/plain", text.encode(charset), charset, cte)
    page = to_html(text, example.subject).encode(charset, "xmlcharrefreplace")
    if shape in {"html", "htmlqp"}:
        cte = "quoted-printable" if shape == "htmlqp" else "8bit"
        return _part("text/html", page, charset, cte)
    if shape == "alt":
        parts = [
            _part("text/plain", text.encode(charset), charset, "quoted-printable"),
            _part("text/html", page, charset, "quoted-printable"),
        ]
        return _multipart("alternative", boundary, parts)
    pdf = b"%PDF-1.4\n" + hashlib.sha256(example.id.encode()).digest() * 2000
    attachment = (
        b"Content-Type: application/pdf; name=letter.pdf\r\n"
        b"Content-Disposition: attachment; filename=letter.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(pdf).replace(b"\n", b"\r\n")
    )
    text_part = _part("text/plain", text.encode(charset), charset, "quoted-printable")
    return _multipart("mixed", boundary, [text_part, attachment])


def _part(ctype: str, payload: bytes, charset: str | None, cte: str) -> bytes:
    content_type = f"Content-Type: {ctype}" + (f'; charset="{charset}"' if charset else "")
    if cte == "quoted-printable":
        encoded = binascii.b2a_qp(payload.replace(b"\n", b"\r\n"))
    elif cte == "base64":
        encoded = base64.encodebytes(payload)
    else:
        encoded = payload
        cte = cte if not payload.isascii() else "7bit"
    encoded = encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    head = f"{content_type}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n".encode("ascii")
    return head + encoded + b"\r\n"


def _multipart(subtype: str, boundary: str, parts: list[bytes]) -> bytes:
    delimiter = f"--{boundary}\r\n".encode("ascii")
    head = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode("ascii")
    preamble = b"This is a multi-part message in MIME format.\r\n\r\n"
    body = b"".join(delimiter + part for part in parts)
    return head + preamble + body + f"--{boundary}--\r\n".encode("ascii")


def to_html(text: str, title: str) -> str:
    """A plausible HTML rendering of a plain body; a quoted tail becomes a Gmail quote."""
    lines = text.split("\n")
    cut = next((i for i, line in enumerate(lines) if _QUOTE_START.match(line)), len(lines))
    new = "\n".join(lines[:cut])
    paragraphs = [p for p in new.split("\n\n") if p.strip()]
    body = "".join(
        '<p style="margin:0 0 12px">' + "<br>\n".join(map(html.escape, p.split("\n"))) + "</p>\n"
        for p in paragraphs
    )
    if cut < len(lines):
        body += _html_quote(lines[cut:])
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:Arial,sans-serif;font-size:14px}p{color:#222}</style>"
        '</head><body><div dir="ltr">\n'
        f"{body}"
        '<img src="https://track.example/open.gif" width="1" height="1" alt="">'
        "<script>var tracked = true;</script>"
        "</div></body></html>"
    )


def _html_quote(lines: list[str]) -> str:
    if lines[0].startswith("-----"):
        return '<div id="divRplyFwdMsg">' + "<br>\n".join(map(html.escape, lines)) + "</div>"
    attribution = "" if lines[0].startswith(">") else html.escape(lines[0])
    quoted = [line.lstrip("> ") for line in (lines if not attribution else lines[1:])]
    return (
        '<div class="gmail_quote"><div class="gmail_attr">'
        f"{attribution}</div>"
        '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid">'
        + "<br>\n".join(map(html.escape, quoted))
        + "</blockquote></div>"
    )
