"""Postings read for quick add: whatever a page or a board API sends, the reader returns a
posting or a BoardError, never anything else; and descriptions come out as plain text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.errors import BoardError
from nextround.watch import posting

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
_KEYS = st.sampled_from(
    [
        "title",
        "company_name",
        "location",
        "content",
        "absolute_url",
        "@type",
        "description",
        "hiringOrganization",
        "jobLocation",
        "name",
        "url",
        "identifier",
    ]
)
_POSTING = st.dictionaries(_KEYS, _JSON, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=300), _POSTING.map(lambda v: json.dumps(v).encode())))
def test_greenhouse_answers_read_or_refused(body: bytes) -> None:
    try:
        found = posting._greenhouse("https://boards.greenhouse.io/a/jobs/1", body)
    except BoardError:
        return
    assert found.role and isinstance(found.description, str)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=300), _POSTING.map(lambda v: json.dumps(v).encode())))
def test_lever_answers_read_or_refused(body: bytes) -> None:
    try:
        found = posting._lever("https://jobs.lever.co/a/0000aaaa", body)
    except BoardError:
        return
    assert found.role and found.company == ""


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        _POSTING.map(
            lambda v: (
                '<html><script type="application/ld+json">'
                + json.dumps({**v, "@type": "JobPosting"})
                + "</script></html>"
            ).encode()
        ),
    )
)
def test_jsonld_pages_read_or_refused(body: bytes) -> None:
    try:
        found = posting._from_jsonld("https://careers.example/job", body)
    except BoardError:
        return
    assert found.url == "https://careers.example/job"
    assert isinstance(found.role, str) and isinstance(found.company, str)


@given(st.text(max_size=300))
def test_descriptions_are_plain_text(html: str) -> None:
    text = posting._description(html)
    assert len(text) <= posting.MAX_DESCRIPTION
    assert "\n\n\n" not in text


def test_description_keeps_paragraphs_and_drops_tags() -> None:
    html = "&lt;h2&gt;About&lt;/h2&gt;&lt;p&gt;We build &amp;amp; ship.&lt;br&gt;Daily.&lt;/p&gt;"
    assert posting._description(html) == "About\nWe build & ship.\nDaily."
