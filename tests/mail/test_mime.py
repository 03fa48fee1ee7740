"""The fast MIME reader builds the standard library's tree, or leaves the message to it.

``mail.mime`` replaces ``email.message_from_bytes`` on well-formed mail for
speed (issue 13, point 4). What it accepts must be read exactly as the
standard library (``compat32``) reads it, header values and payloads
character for character; what it refuses is read by the standard library.
"""

from __future__ import annotations

import email
from email.message import Message

import pytest
from hypothesis import HealthCheck, given, settings

from nextround.mail import messages, mime
from tests.mail import corpus, fuzzing

_SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

MIXED = (
    b"From: Dana <dana@acme.example>\r\nSubject: Your application\r\n"
    b'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n'
    b"This is a message in MIME format.\r\n"
    b"--outer\r\n"
    b'Content-Type: multipart/alternative; boundary="inner"\r\n\r\n'
    b"--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Thank you for applying.\r\n\r\n--inner\r\n"
    b"Content-Type: text/html\r\n\r\n<p>Thank you for applying.</p>\r\n"
    b"--inner--\r\n"
    b"--outer\r\nContent-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="a.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
    b"--outer--\r\nepilogue\r\n"
)


def tree(msg: Message) -> list[tuple[object, ...]]:
    """Every part's headers, payload (text parts) and preamble, in order."""
    return [
        (
            part.get_unixfrom(),
            list(part.raw_items()),
            None if part.is_multipart() else part.get_payload(),
            part.preamble,
            part.get_default_type(),
        )
        for part in msg.walk()
    ]


def assert_read_as_the_standard_library(data: bytes) -> None:
    fast = mime.read_fast(data)
    if fast is not None:
        assert tree(fast) == tree(email.message_from_bytes(data))
        assert not fast.defects


def test_well_formed_nested_multipart_is_read_fast_and_identically() -> None:
    fast = mime.read_fast(MIXED)
    assert fast is not None
    assert tree(fast) == tree(email.message_from_bytes(MIXED))
    kinds = [part.get_content_type() for part in fast.walk()]
    assert kinds == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
    ]
    plain = next(p for p in fast.walk() if p.get_content_type() == "text/plain")
    assert plain.get_payload() == "Thank you for applying.\r\n"  # the break before --inner dropped
    assert fast.preamble == "This is a message in MIME format."


@pytest.mark.parametrize(
    "data",
    [
        MIXED.replace(b"--outer--\r\n", b""),  # no closing line
        MIXED.replace(b'; boundary="outer"', b""),  # no boundary
        MIXED.replace(b"Subject: Your", b"Subject : Your"),  # a line that is no header
        MIXED.replace(b"\r\nSubject", b"\rSubject"),  # a lone carriage return
        MIXED.replace(b"application/pdf", b"message/rfc822"),
        MIXED.replace(
            b"Subject: Your application\r\n", b"Subject: Your\r\n\tapplication\r\n"
        ).replace(b"From: Dana", b" From: Dana"),  # a continuation line first
        MIXED.replace(b"--inner--\r\n", b"--inner\r\n--inner--\r\n"),  # an empty part
    ],
    ids=["unclosed", "no-boundary", "bad-header", "lone-cr", "message-part", "fold-first", "empty"],
)
def test_anything_the_standard_library_repairs_is_left_to_it(data: bytes) -> None:
    assert mime.read_fast(data) is None
    assert tree(mime.read(data)) == tree(email.message_from_bytes(data))


def test_a_folded_header_keeps_its_fold_as_compat32_does() -> None:
    data = b"Subject: a long\r\n subject line\r\nFrom: x@y.example\r\n\r\nbody\r\n"
    fast = mime.read_fast(data)
    assert fast is not None
    assert fast["subject"] == "a long\r\n subject line"
    assert tree(fast) == tree(email.message_from_bytes(data))


def test_every_corpus_message_is_read_fast_and_parsed_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built = [corpus.build(example) for example in corpus.load_labelled()]
    assert all(mime.read_fast(data) is not None for data in built)
    fast = [messages.parse_message(data) for data in built]
    monkeypatch.setattr(mime, "read", mime._standard)
    assert fast == [messages.parse_message(data) for data in built]


@_SETTINGS
@given(fuzzing.messages())
def test_generated_mime_is_read_as_the_standard_library_reads_it(data: bytes) -> None:
    assert_read_as_the_standard_library(data)


@_SETTINGS
@given(fuzzing.mutated())
def test_mutated_fixtures_are_read_as_the_standard_library_reads_them(data: bytes) -> None:
    assert_read_as_the_standard_library(data)


@_SETTINGS
@given(fuzzing.headers(), fuzzing.wild_bytes(2000))
def test_any_headers_and_body_are_read_as_the_standard_library_reads_them(
    head: bytes, body: bytes
) -> None:
    assert_read_as_the_standard_library(head + b"\r\n" + body)
