"""Fuzzing the mail path: no message crashes it, no message takes over 5 seconds.

``make test`` runs a small fixed-seed subset (the same cases every run).
``make fuzz`` runs the full search: NEXTROUND_FUZZ_EXAMPLES cases per test
(25,000 by default, so 100,000 in all), new random ones every time; see
docs/mail.md. A failure prints the message that broke it: add it to
tests/mail/badmail/ as a regression fixture.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from tests.mail import fuzzing

_FULL = int(os.environ.get("NEXTROUND_FUZZ_EXAMPLES", "0"))
_FUZZ = settings(
    max_examples=_FULL or 60,
    derandomize=not _FULL,  # the suite's subset: one fixed seed
    # A case over 5 CPU seconds is a hang (read_all's figure): Hypothesis's deadline
    # counts the wall clock, and on a busy machine that fails cases that only waited.
    deadline=None,
    database=None,  # nothing written into the work tree
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
    print_blob=True,
)


@_FUZZ
@given(fuzzing.messages())
def test_generated_mime_never_crashes_or_hangs(data: bytes) -> None:
    assert fuzzing.read_all(data) < fuzzing.HANG


@_FUZZ
@given(fuzzing.mutated())
def test_mutated_fixture_messages_never_crash_or_hang(data: bytes) -> None:
    assert fuzzing.read_all(data) < fuzzing.HANG


@_FUZZ
@given(fuzzing.headers(), fuzzing.wild_bytes(2000))
def test_any_headers_and_body_bytes(head: bytes, body: bytes) -> None:
    assert fuzzing.read_all(head + b"\r\n" + body) < fuzzing.HANG


@_FUZZ
@given(fuzzing.headers(), fuzzing.html_bodies())
def test_any_html_body(head: bytes, body: bytes) -> None:
    data = head + b"Content-Type: text/html; charset=utf-8\r\n\r\n" + body
    assert fuzzing.read_all(data) < fuzzing.HANG
