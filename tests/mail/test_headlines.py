"""Header fields read from raw bytes (``mail/headlines.py``) and the folding rules that use them."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.domain.mail_folding import Folded, folded
from nextround.mail.headlines import BULK_FIELDS, HEAD_LIMIT, sent_at, top_fields

MESSAGE = (
    b"From sender@example.org Fri Nov 20 09:30:00 2026\n"
    b"List-Id: Globex news\n <news.globex.example>\n"
    b"Subject: =?utf-8?q?Caf=C3=A9_news?=\r\n"
    b"Date: Fri, 20 Nov 2026 09:30:00 +0100\n"
    b"PRECEDENCE: Bulk\n"
    b"\n"
    b"List-Unsubscribe: <mailto:body-is-not-a-header@example.org>\n"
)


def test_fields_come_from_the_header_block_only_unfolded_and_decoded() -> None:
    found = top_fields(MESSAGE, BULK_FIELDS)
    assert found == {
        "list-id": "Globex news <news.globex.example>",
        "subject": "Café news",
        "precedence": "Bulk",
    }
    assert sent_at(MESSAGE) == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def test_missing_or_broken_dates_are_none() -> None:
    assert sent_at(b"Subject: x\n\nbody") is None
    assert sent_at(b"Date: the day after tomorrow\n\nbody") is None
    assert sent_at(b"Date: Fri, 99 Nov 2026 99:30:00 +0100\n\nbody") is None


def test_only_the_first_value_counts_and_a_header_past_the_limit_is_not_read() -> None:
    assert top_fields(b"Precedence: bulk\nPrecedence: list\n\n", ["precedence"]) == {
        "precedence": "bulk"
    }
    late = b"X-Filler: " + b"a" * HEAD_LIMIT + b"\nList-Id: late\n\n"
    assert top_fields(late, ["list-id"]) == {}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_are_read_without_raising(data: bytes) -> None:
    found = top_fields(data, BULK_FIELDS)
    assert set(found) <= set(BULK_FIELDS)
    sent_at(data)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["List-Id", "list-unsubscribe", "Precedence", "Subject", "X-Other"]),
            st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
        ),
        max_size=8,
    )
)
def test_written_fields_are_found(fields: list[tuple[str, str]]) -> None:
    data = b"".join(f"{k}: {v}\n".encode() for k, v in fields) + b"\nbody\n"
    found = top_fields(data, [k.lower() for k, _ in fields])
    for key, _value in fields:
        first = next(v for k, v in fields if k == key)
        assert key.lower() in found
        if "=?" not in first:
            assert found[key.lower()] == first.strip(" ")


def test_a_huge_header_is_read_in_linear_time() -> None:
    data = b"Subject: " + b"=?x?" * 500_000 + b"\nList-Id: a\n\n"
    start = time.process_time()
    top_fields(data, BULK_FIELDS)
    sent_at(b"Date: " + b"(" * 1_000_000 + b"\n\n")
    assert time.process_time() - start < 2


def test_job_alerts_are_folded_by_sender_or_subject() -> None:
    plain: dict[str, str] = {}
    assert folded("jobalerts-noreply@linkedin.com", "Hi", plain, tied_to_application=True) is (
        Folded.JOB_ALERT
    )
    assert folded("alert@indeed.com", "Jobs", plain, tied_to_application=False) is Folded.JOB_ALERT
    assert folded("x@jobs.example", "Dein Jobalarm: 5 neue Jobs", plain, tied_to_application=False)
    assert folded("x@a.example", "Alerta de empleo", plain, tied_to_application=False)
    # A LinkedIn address that is not an alert, and a subject that only mentions alerts: kept.
    assert folded("messages-noreply@linkedin.com", "Hi", plain, tied_to_application=False) is None
    assert folded("hr@acme.example", "Your application", plain, tied_to_application=False) is None


def test_newsletters_need_list_unsubscribe_and_a_list_or_bulk_header() -> None:
    unsub = {"list-unsubscribe": "<mailto:u@x.example>"}
    assert folded("n@x.example", "News", unsub, tied_to_application=False) is None
    listed = {**unsub, "list-id": "<news.x.example>"}
    assert folded("n@x.example", "News", listed, tied_to_application=False) is Folded.NEWSLETTER
    bulk = {**unsub, "precedence": " Bulk "}
    assert folded("n@x.example", "News", bulk, tied_to_application=False) is Folded.NEWSLETTER
    assert folded("n@x.example", "News", {"list-id": "x"}, tied_to_application=False) is None
    # An applicant-tracking system's mail about one of your applications is never folded.
    assert folded("n@ats.example", "Your application", bulk, tied_to_application=True) is None
