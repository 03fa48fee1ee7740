"""The quick reader gives ``parse_message`` what the tree gives it, or leaves the message.

``mail.quick`` reads well-formed mail's headers and text parts without
building the ``compat32`` tree (issue 13, point 4). Whatever it accepts must
parse to the same :class:`MailMessage` (text, quoted text, headers, warnings)
as the full path; whatever it refuses takes the full path.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.errors import InvalidInput
from nextround.mail import headers as h
from nextround.mail import htmltext, messages, quick
from tests.mail import corpus, fuzzing
from tests.mail.test_mime import MIXED

_SETTINGS = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


def parsed(data: bytes) -> object:
    try:
        return messages.parse_message(data)
    except InvalidInput as exc:
        return str(exc)


def full_path(data: bytes, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patched:
        patched.setattr(quick, "read", lambda data: None)
        return parsed(data)


def assert_same(data: bytes) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert parsed(data) == full_path(data, monkeypatch)


def test_nested_multipart_is_read_quickly_and_the_same() -> None:
    for data in (MIXED, MIXED.replace(b"\r\n", b"\n")):
        found = quick.read(data)
        assert found is not None
        assert found.plain == quick.Part("", "utf-8", "Thank you for applying.\n")
        assert found.html is not None and found.html.charset is None
        assert found.headers["subject"] == "Your application"
        assert_same(data)


def test_a_folded_header_keeps_its_crlf() -> None:
    data = b"Subject: a\r\n b\r\nDate: Mon, 3 Mar 20\r\n x\r\n\r\nbody\r\n"
    found = quick.read(data)
    assert found is not None and found.headers["date"] == "Mon, 3 Mar 20\r\n x"
    assert_same(data)  # the unreadable date's warning quotes it as it came


@pytest.mark.parametrize(
    "change",
    [
        (b"Content-Type: text/html", b'Content-Type: text/html; name="a.html"'),  # a file name
        (b"Content-Type: text/html", b"Content-Type: message/rfc822"),
        (b"--inner--\r\n", b""),  # no closing line
        (b"Subject: Your", b"Subject: Caf\xc3\xa9 Your\r\nX-Odd: \r"),  # a lone CR
        (b"charset=utf-8", b"charset=utf-8\r\nContent-Transfer-Encoding: x-uuencode"),
        (b"Subject: Your application\r\n", b"Subject: Your\n application\r\n"),  # mixed ends
    ],
)
def test_what_it_is_not_sure_of_takes_the_full_path(change: tuple[bytes, bytes]) -> None:
    data = MIXED.replace(*change)
    assert quick.read(data) is None
    assert_same(data)


@pytest.mark.parametrize(
    "ctype",
    [
        b"text/plain; charset=UTF-8",
        b'text/plain; Charset="ISO-8859-1" ',
        b"text/plain;\r\n charset=windows-1252",
        b"text/plain; charset=<utf-8>",
        b'text/plain; format=flowed; charset="utf-8"',
        b'text/plain; charset=""',
        b"text/plain; charset=x-bogus",
        b"text/plain; charset*=utf-8''utf-8",
    ],
)
def test_charsets_are_read_as_the_standard_library_reads_them(ctype: bytes) -> None:
    data = b"From: a@b.example\r\nContent-Type: " + ctype + b"\r\n\r\nCaf\xe9 caf\xc3\xa9\r\n"
    assert_same(data)
    assert_same(data.replace(b"\r\n", b"\n"))


def test_every_corpus_message_is_read_quickly_and_the_same() -> None:
    built = [corpus.build(example) for example in corpus.load_labelled()]
    assert sum(quick.read(data) is not None for data in built) > 0.95 * len(built)
    for data in built:
        assert_same(data)
        assert_same(data.replace(b"\r\n", b"\n"))


@_SETTINGS
@given(fuzzing.messages())
def test_generated_mime_parses_the_same(data: bytes) -> None:
    assert_same(data)
    assert_same(data.replace(b"\r\n", b"\n"))


@_SETTINGS
@given(fuzzing.mutated())
def test_mutated_fixtures_parse_the_same(data: bytes) -> None:
    assert_same(data)


@_SETTINGS
@given(fuzzing.headers(), fuzzing.wild_bytes(2000))
def test_any_headers_and_body_parse_the_same(head: bytes, body: bytes) -> None:
    assert_same(head + b"\r\n" + body)
    assert_same(head.replace(b"\r\n", b"\n") + b"\n" + body)


_DAYS = st.sampled_from(["Mon, ", "Thu, ", "Xyz, ", ""])
_MONTHS = st.sampled_from(["Jan", "Feb", "Sep", "Dec", "jan", "Foo"])


@_SETTINGS
@given(
    st.tuples(
        _DAYS,
        st.integers(0, 32),
        _MONTHS,
        st.sampled_from([0, 99, 999, 1000, 2026, 9999]),
        st.integers(0, 25),
        st.integers(0, 61),
        st.sampled_from(["+", "-"]),
        st.sampled_from([0, 1, 5, 23, 24, 30]),
        st.sampled_from([0, 30, 59, 60, 99]),
    )
)
def test_common_dates_are_read_as_the_standard_library_reads_them(
    parts: tuple[str, int, str, int, int, int, str, int, int],
) -> None:
    day_name, day, month, year, hour, second, sign, zone_hours, zone_minutes = parts
    raw = (
        f"{day_name}{day:02d} {month} {year:04d} {hour:02d}:30:{second:02d} "
        f"{sign}{zone_hours:02d}{zone_minutes:02d}"
    )
    try:
        expected: datetime | None = email.utils.parsedate_to_datetime(raw)
    except ValueError:
        expected = None
    if expected is not None and expected.tzinfo is None:
        expected = expected.replace(tzinfo=UTC)
    found = h.date(raw, [])
    assert found == expected
    assert (found and found.isoformat()) == (expected and expected.isoformat())


def parser_text(html: str) -> tuple[str, str]:
    """``html_to_text`` through Python's HTML parser, without the short cut."""
    converter = htmltext._Converter()
    try:
        converter.feed(htmltext._LONE_BRACKET.sub("&lt;", html))
        converter.close()
    except (AssertionError, ValueError, IndexError):
        return htmltext._stripped(html), ""
    return htmltext.tidy("".join(converter.text)), htmltext.tidy("".join(converter.quoted))


_HTML_PIECES = st.sampled_from(
    [
        *("<p>", "</p>", "<P>", "</P>", "<br>", "<br/>", "<br />", "<li>", "<td>", "</div>"),
        *('<div class="gmail_quote">', '<div type="cite">', '<p class="x" id="y">', "<pre>"),
        *("</pre>", "<blockquote>", "</blockquote>", "<head>", "</head>", '<img src="a"/>'),
        *("  \n ", "text ", "Word", ">", "<", "&amp;", "<script>", "</script>", "<!-- c -->"),
        *("</ p>", "<p/>", "\u00a0", "é", "<a href='x'>", "<td nowrap>"),
    ]
)


@_SETTINGS
@given(
    st.one_of(
        st.lists(_HTML_PIECES, max_size=30).map("".join),
        fuzzing.html_bodies().map(lambda b: b.decode("utf-8", "replace")),
    )
)
def test_html_is_converted_as_the_html_parser_converts_it(html: str) -> None:
    assert htmltext.html_to_text(html) == parser_text(html)


def test_simple_html_takes_the_short_cut_and_the_rest_does_not() -> None:
    assert htmltext._simple('<p class="gmail_quote">Hi</p><br/>') is not None
    for odd in ("<p>a &amp; b</p>", "<!-- x --><p>", "<script>x</script>", "a < b", "<td nowrap>"):
        assert htmltext._simple(odd) is None
        assert htmltext.html_to_text(odd) == parser_text(odd)


@given(st.text(alphabet=" \t\r\n\f\u00a0\v\u2028ab<>&;", max_size=60))
def test_html_spaces_become_one_as_the_plain_pattern_makes_them(text: str) -> None:
    """The white-space pattern skips runs that are one space already; it changes nothing."""
    import re

    assert htmltext._SPACES.sub(" ", text) == re.sub(r"[ \t\r\n\f\u00a0]+", " ", text)
