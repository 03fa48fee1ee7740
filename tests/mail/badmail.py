"""Messages that once broke the scan: the small ones are files in ``badmail/``,
the large ones are built here (a megabyte is no file to keep in a repository)."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent / "badmail"
_HEAD = b"From: Acme Talent <talent@acme.example>\r\nSubject: Your application\r\n"


def nested(depth: int = 1000) -> bytes:
    """Multiparts nested ``depth`` deep (the standard parser recursed once per level)."""
    opening = b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
        for i in range(depth)
    )
    return _HEAD + b"Message-ID: <nested@acme.example>\r\n" + opening + _plain(b"deep inside")


def long_base64_line(size: int = 1_200_000) -> bytes:
    """One base64 line of over a megabyte, in a message over a megabyte (the cutter backtracked)."""
    line = b"VW5mb3J0dW5hdGVseSB3ZSB3aWxsIG5vdCBwcm9jZWVkLiAg" * (size // 48)
    return (
        _HEAD + b"Message-ID: <b64line@acme.example>\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + line + b"\r\n"
    )


def long_header(size: int = 1 << 20) -> bytes:
    """A Subject of a megabyte of would-be encoded words (header decoding was quadratic)."""
    subject = b"=?utf-8?q?" * (size // 10)
    return (
        b"From: Acme Talent <talent@acme.example>\r\nMessage-ID: <header@acme.example>\r\n"
        b"Subject: "
        + subject
        + b"\r\n\r\nWe regret to inform you that the position has been filled.\r\n"
    )


def many_parts(count: int = 10_000) -> bytes:
    parts = b"".join(
        b"--p\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(count)
    )
    return (
        _HEAD + b"Message-ID: <parts@acme.example>\r\n"
        b"Content-Type: multipart/mixed; boundary=p\r\n\r\n" + parts + b"--p--\r\n"
    )


def _plain(text: bytes) -> bytes:
    return b"Content-Type: text/plain\r\n\r\n" + text + b"\r\n"


#: name -> bytes of every message that once broke the scan.
def all_messages() -> dict[str, bytes]:
    found = {path.name: path.read_bytes() for path in sorted(FOLDER.glob("*.eml"))}
    found.update(
        {
            "nested-1000-deep": nested(),
            "base64-line-over-1-mb": long_base64_line(),
            "header-of-1-mb": long_header(),
            "10000-parts": many_parts(),
        }
    )
    return found
