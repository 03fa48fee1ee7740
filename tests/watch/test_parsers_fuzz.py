"""Every parser fed mutated and arbitrary answers: a Listing or a BoardError, nothing else."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.errors import BoardError
from nextround.watch import parsers
from nextround.watch.parsers import Listing
from tests.watch import fixtures

PARSERS: dict[str, Callable[[bytes, str], Listing]] = {
    **parsers.SINGLE,
    "smartrecruiters": parsers.smartrecruiters,
    "personio": parsers.personio,
    "workday": parsers.workday,
}
SAMPLES = {
    "greenhouse": json.dumps(fixtures.GREENHOUSE).encode(),
    "lever": json.dumps(fixtures.LEVER).encode(),
    "lever_eu": json.dumps(fixtures.LEVER).encode(),
    "ashby": json.dumps(fixtures.ASHBY).encode(),
    "workable": json.dumps(fixtures.WORKABLE).encode(),
    "recruitee": json.dumps(fixtures.RECRUITEE).encode(),
    "smartrecruiters": json.dumps(fixtures.smartrecruiters_page(0, 3)).encode(),
    "personio": fixtures.PERSONIO,
    "workday": json.dumps(fixtures.workday_page(0, 3)).encode(),
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=30,
)
keys = st.sampled_from(
    [
        "jobs",
        "content",
        "offers",
        "jobPostings",
        "id",
        "title",
        "text",
        "name",
        "location",
        "isListed",
        "status",
        "total",
        "totalFound",
        "bulletFields",
        "externalPath",
        "categories",
        "absolute_url",
        "requisition_id",
        "company_name",
        "shortcode",
    ]
)
posting_like = st.dictionaries(keys, json_values, max_size=8)
envelopes = st.dictionaries(keys, st.lists(posting_like, max_size=4) | json_values, max_size=3)


def _parse(kind: str, body: bytes) -> None:
    try:
        result = PARSERS[kind](body, f"{kind} board")
    except BoardError:
        return
    assert isinstance(result, Listing)
    for posting in result.postings:
        assert posting.title and posting.external_id
        assert "\ufeff" not in posting.title and posting.title == posting.title.strip()


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(kind=st.sampled_from(sorted(PARSERS)), body=st.binary(max_size=300))
def test_arbitrary_bytes(kind: str, body: bytes) -> None:
    _parse(kind, body)


@FUZZ
@given(
    kind=st.sampled_from(sorted(PARSERS)),
    value=envelopes | st.lists(posting_like, max_size=4) | json_values,
)
def test_arbitrary_json_shapes(kind: str, value: object) -> None:
    _parse(kind, json.dumps(value).encode())


@FUZZ
@given(kind=st.sampled_from(sorted(SAMPLES)), data=st.data())
def test_mutated_real_answers(kind: str, data: st.DataObject) -> None:
    body = bytearray(SAMPLES[kind])
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(body) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            body[at] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del body[at : at + data.draw(st.integers(1, 40))]
        else:
            body[at:at] = data.draw(
                st.sampled_from(
                    [
                        b"\xef\xbb\xbf",
                        b"&amp;",
                        b"null",
                        b"[",
                        b"{",
                        b"<!DOCTYPE x>",
                        b"\x00",
                        b'"',
                        b"1e999",
                    ]
                )
            )
        if not body:
            break
    _parse(kind, bytes(body))


def test_deep_nesting_is_a_board_error() -> None:
    for kind in PARSERS:
        _parse(kind, b"[" * 100_000 + b"]" * 100_000)
        _parse(kind, b"<a>" * 50_000)


@FUZZ
@given(
    value=envelopes | st.lists(posting_like, max_size=4) | json_values, junk=st.text(max_size=40)
)
def test_json_ld_pages(value: object, junk: str) -> None:
    from nextround.watch.jsonld import job_postings

    block = json.dumps({"@type": "JobPosting", **value} if isinstance(value, dict) else value)
    page = f'<html>{junk}<script type="application/ld+json">{block}</script>{junk}</html>'
    try:
        listing = job_postings(page.encode("utf-8", "surrogatepass"), "page")
    except BoardError:
        return
    assert all(p.title and p.external_id for p in listing.postings)


@FUZZ
@given(body=st.binary(max_size=400))
def test_json_ld_arbitrary_bytes(body: bytes) -> None:
    from nextround.watch.jsonld import job_postings

    with contextlib.suppress(BoardError):
        job_postings(b'<script type="application/ld+json">' + body, "page")


def test_personio_xml_in_an_unknown_encoding_is_a_board_error() -> None:
    """Found by the mutation test above: expat's LookupError for a made-up encoding."""
    body = b'<?xml version="1.0" encoding="TF-8"?><workzag-jobs/>'
    with pytest.raises(BoardError, match="did not answer with XML"):
        parsers.personio(body, "personio board")
