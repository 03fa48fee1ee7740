"""Hypothesis strategies for hostile mail: MIME structures, headers, bodies, and
byte-level mutations of every fixture message.

The messages are written out by hand, not by the ``email`` package, so that
they can be wrong in the ways real mail is: boundaries that never come,
charsets that don't exist, encoded words cut in half, parts nested past any
sense. :func:`read_all` runs a message through everything a scan does with it.
"""

from __future__ import annotations

import time
from functools import cache

from hypothesis import strategies as st

from nextround.classify import classify, connect_answer
from nextround.domain.mail_folding import folded
from nextround.domain.mail_matching import KnownCompany, Letter, guess_company, match
from nextround.errors import InvalidInput
from nextround.mail.headlines import BULK_FIELDS, sent_at, top_fields
from nextround.mail.messages import parse_message
from tests.mail import badmail, corpus

#: A case over this many CPU seconds is a hang.
HANG = 5.0

_COMPANIES = [KnownCompany(1, "Acme Robotics", "acme.example"), KnownCompany(2, "Initech")]

# Pieces that make parsers take a different path: kept short, mixed freely.
_TOKENS = [
    b"=?", b"?=", b"=?utf-8?b?", b"=?utf-8?q?", b"=?x-unknown?B?", b"?B?", b"?Q?", b"=C3", b"=\r\n",
    b"--", b"--b", b"\r\n", b"\n", b"\r", b"\r\n\r\n", b"\t", b" ", b":", b";", b'"', b"\\", b"<",
    b">", b"<!--", b"-->", b"<![", b"]]>", b"<![s ]>", b"</", b"<!", b"<?", b"&#", b"&amp", b"\x00",
    b"\x1b[31m", b"\xff", b"\xc3", b"\xe2\x80\xae", b"From ", b">From ", b"@", b".", b"(", b")",
    b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n",
    b"Content-Type: message/rfc822\r\n\r\n", b"Content-Transfer-Encoding: base64\r\n",
    b"Content-Transfer-Encoding: quoted-printable\r\n", b"charset=", b"boundary=", b"name=",
    b"filename*=utf-8''", b"On Mon, Dana wrote:", b"-----Original Message-----", b"> ",
]  # fmt: skip

_CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "shift_jis", "koi8-r", "utf-16", "x-bogus", ""]
_ENCODINGS = ["7bit", "8bit", "base64", "quoted-printable", "binary", "x-uuencode", "bogus"]
_TYPES = ["text/plain", "text/html", "application/pdf", "image/png", "text/calendar", "text/x-odd"]
_TAGS = ["p", "div", "br", "blockquote", "script", "style", "pre", "li", "td", "a", "span", "head"]


def tokens() -> st.SearchStrategy[bytes]:
    return st.sampled_from(_TOKENS)


def wild_bytes(max_size: int = 200) -> st.SearchStrategy[bytes]:
    """Bytes built of parser-relevant tokens, plain words and random bytes."""
    piece = st.one_of(
        tokens(), st.binary(max_size=20), st.sampled_from([b"unfortunately", b"interview", b"x"])
    )
    return st.lists(piece, max_size=max(1, max_size // 8)).map(b"".join)


def header_values() -> st.SearchStrategy[bytes]:
    encoded = st.builds(
        lambda cs, enc, text: b"=?" + cs.encode() + b"?" + enc + b"?" + text + b"?=",
        st.sampled_from(_CHARSETS),
        st.sampled_from([b"b", b"B", b"q", b"Q", b"x"]),
        wild_bytes(40).map(lambda b: b.replace(b"?", b"")),
    )
    return st.lists(st.one_of(encoded, wild_bytes(60)), max_size=6).map(b" ".join)


def headers() -> st.SearchStrategy[bytes]:
    name = st.sampled_from(
        [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"In-Reply-To", b"References", b"X-A"]
    )
    line = st.builds(
        lambda n, v: n + b": " + v.replace(b"\n", b"\n ") + b"\r\n", name, header_values()
    )
    return st.lists(line, min_size=1, max_size=8).map(b"".join)


def html_bodies() -> st.SearchStrategy[bytes]:
    tag = st.sampled_from(_TAGS)
    element = st.one_of(
        st.builds(lambda t: f"<{t}>".encode(), tag),
        st.builds(lambda t: f"</{t}>".encode(), tag),
        st.builds(lambda t: f'<{t} class="gmail_quote">'.encode(), tag),
        wild_bytes(40),
    )
    return st.lists(element, max_size=30).map(b"".join)


def leaf_parts() -> st.SearchStrategy[bytes]:
    return st.builds(
        _leaf,
        st.sampled_from(_TYPES),
        st.sampled_from(_CHARSETS),
        st.sampled_from(_ENCODINGS),
        st.one_of(wild_bytes(300), html_bodies()),
        st.booleans(),
    )


def _leaf(ctype: str, charset: str, cte: str, body: bytes, attachment: bool) -> bytes:
    head = f"Content-Type: {ctype}" + (f"; charset={charset}" if charset else "")
    head += f"\r\nContent-Transfer-Encoding: {cte}\r\n"
    if attachment:
        head += 'Content-Disposition: attachment; filename="a.pdf"\r\n'
    return head.encode() + b"\r\n" + body


def mime_parts() -> st.SearchStrategy[bytes]:
    """A MIME entity: a leaf, or a multipart / message/rfc822 of entities, nested."""
    return st.recursive(leaf_parts(), _containers, max_leaves=12)


def _containers(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.builds(
            _multipart,
            st.sampled_from(["mixed", "alternative", "related", "report"]),
            st.sampled_from(["b", "=_x", "bound ary", "", '"q"', "b" * 80]),
            st.lists(children, max_size=4),
            st.booleans(),
            st.booleans(),
        ),
        st.builds(lambda inner: b"Content-Type: message/rfc822\r\n\r\n" + inner, children),
    )


def _multipart(subtype: str, boundary: str, parts: list[bytes], close: bool, lie: bool) -> bytes:
    used = "other" if lie else boundary.strip('"')
    head = f"Content-Type: multipart/{subtype}; boundary={boundary}\r\n\r\npreamble\r\n"
    body = b"".join(f"--{used}\r\n".encode() + part + b"\r\n" for part in parts)
    return head.encode() + body + (f"--{used}--\r\n".encode() if close else b"")


def messages() -> st.SearchStrategy[bytes]:
    """Whole messages: headers, then a MIME entity (whose own headers continue them)."""
    return st.builds(lambda h, body: h + body, headers(), mime_parts())


@cache
def fixtures() -> tuple[bytes, ...]:
    """Every fixture message: the labelled corpus and the messages that once broke the scan
    (the large ones at a size that keeps a mutation quick)."""
    built = [corpus.build(example) for example in corpus.load_labelled()]
    small = [
        badmail.nested(60),
        badmail.long_base64_line(60_000),
        badmail.long_header(20_000),
        badmail.many_parts(1200),
    ]
    files = sorted(badmail.FOLDER.glob("*.eml"))
    return (*built, *small, *(path.read_bytes() for path in files))


def mutated() -> st.SearchStrategy[bytes]:
    """A fixture message with a few bytes flipped, cut, repeated or inserted."""
    return st.builds(
        _mutate,
        st.sampled_from(fixtures()),
        st.lists(
            st.tuples(
                st.sampled_from(["flip", "cut", "repeat", "insert", "truncate"]),
                st.floats(0, 1),
                st.integers(1, 400),
                tokens(),
            ),
            min_size=1,
            max_size=6,
        ),
    )


def _mutate(data: bytes, edits: list[tuple[str, float, int, bytes]]) -> bytes:
    out = bytearray(data)
    for what, where, size, token in edits:
        at = int(where * len(out))
        if what == "flip" and at < len(out):
            out[at] ^= 1 << (size % 8)
        elif what == "cut":
            del out[at : at + size]
        elif what == "repeat":
            out[at:at] = out[at : at + size] * (1 + size % 50)
        elif what == "insert":
            out[at:at] = token * (1 + size % 20)
        else:
            del out[at:]
    return bytes(out)


def read_all(data: bytes) -> float:
    """Everything a scan does with one message; the CPU seconds it took.

    CPU time, not the wall clock: on a shared machine a process waits for a core
    now and then, and a wait is no hang.

    Raises what the scan would have to catch: anything but a message that is
    not an e-mail at all (:class:`InvalidInput`).
    """
    start = time.process_time()
    sent_at(data)  # the header reader that skips old mail before the parse
    headers = top_fields(data, BULK_FIELDS)
    try:
        message = parse_message(data)
    except InvalidInput:
        return time.process_time() - start
    folded(message.sender, message.subject, headers, tied_to_application=False)
    classify(message)
    connect_answer(message)
    letter = Letter(message.sender, message.sender_name, message.subject, message.text)
    match(letter, _COMPANIES, [], [])
    guess_company(letter)
    return time.process_time() - start
