"""parse_message: every MIME shape real job mail arrives in, and broken ones."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest

from nextround.errors import InvalidInput
from nextround.mail.messages import TEXT_LIMIT, parse_message

HEAD = (
    b"From: =?utf-8?q?Zo=C3=AB_M=C3=BCller?= <Zoe.Mueller@Litware.DE>\r\n"
    b"To: Sam <sam@example.com>, other@example.org\r\n"
    b"Subject: =?iso-8859-1?q?Ihre_Bewerbung_f=FCr_Entwickler?=\r\n"
    b"Date: Tue, 04 Mar 2025 09:30:00 +0100\r\n"
    b"Message-ID: <abc.123@litware.de>\r\n"
    b"In-Reply-To: <sent.1@example.com>\r\n"
    b"References: <first@example.com>\r\n <sent.1@example.com>\r\n"
    b"MIME-Version: 1.0\r\n"
)


def single(ctype: bytes, cte: bytes, body: bytes, head: bytes = HEAD) -> bytes:
    return (
        head
        + b"Content-Type: "
        + ctype
        + b"\r\nContent-Transfer-Encoding: "
        + cte
        + b"\r\n\r\n"
        + body
    )


def test_headers_are_decoded() -> None:
    message = parse_message(single(b"text/plain; charset=utf-8", b"7bit", b"Hello\r\n"))
    assert message.sender_name == "Zoë Müller"
    assert message.sender == "zoe.mueller@litware.de"
    assert message.sender_domain == "litware.de"
    assert message.to == ("sam@example.com", "other@example.org")
    assert message.subject == "Ihre Bewerbung für Entwickler"
    assert message.date == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)
    assert message.message_id == "abc.123@litware.de"
    assert message.in_reply_to == "sent.1@example.com"
    assert message.references == ("first@example.com", "sent.1@example.com")
    assert message.text == "Hello"
    assert message.warnings == ()


def test_quoted_printable() -> None:
    body = b"We are pleased to offer you the r=C3=B4le of=\r\n Data Analyst.\r\n"
    message = parse_message(single(b'text/plain; charset="utf-8"', b"quoted-printable", body))
    assert message.text == "We are pleased to offer you the rôle of Data Analyst."


def test_base64() -> None:
    body = base64.encodebytes("Leider müssen wir Ihnen absagen.".encode())
    message = parse_message(single(b"text/plain; charset=utf-8", b"base64", body))
    assert message.text == "Leider müssen wir Ihnen absagen."


def test_latin1_is_read_as_windows_1252() -> None:
    body = "Café \u2019quoted\u2019 résumé".encode("cp1252")
    message = parse_message(single(b"text/plain; charset=iso-8859-1", b"8bit", body))
    assert message.text == "Café \u2019quoted\u2019 résumé"
    assert message.warnings == ()


def test_shift_jis() -> None:
    body = "面接のご案内".encode("shift_jis")
    message = parse_message(single(b"text/plain; charset=Shift_JIS", b"8bit", body))
    assert message.text == "面接のご案内"


def test_undeclared_charset_with_8bit_bytes_is_guessed_and_reported() -> None:
    body = "Malheureusement, votre candidature n\u2019a pas été retenue.".encode("cp1252")
    message = parse_message(single(b"text/plain", b"8bit", body))
    assert message.text == "Malheureusement, votre candidature n\u2019a pas été retenue."
    assert any("charset not declared" in w for w in message.warnings)


def test_undeclared_utf8_is_read_as_utf8() -> None:
    message = parse_message(single(b"text/plain", b"8bit", "Zoë".encode()))
    assert message.text == "Zoë"


def test_unknown_charset_falls_back_and_is_reported() -> None:
    message = parse_message(single(b"text/plain; charset=x-no-such", b"8bit", "Zoë".encode()))
    assert message.text == "Zoë"
    assert any("unknown charset" in w for w in message.warnings)


def test_raw_8bit_header_is_decoded_and_reported() -> None:
    head = b"From: J\xe9r\xf4me <jerome@example.fr>\r\nSubject: caf\xc3\xa9\r\n"
    message = parse_message(single(b"text/plain", b"7bit", b"hi\r\n", head=head))
    assert message.sender_name == "Jérôme"
    assert message.subject == "café"
    assert message.warnings


HTML = b"""<html><head><title>Ignore me</title><style>p {color: red}</style></head>
<body><script>var x = "ignore";</script>
<p>Dear Sam,</p><p>Thank you for applying &amp; for your patience.<br>Second line&nbsp;here.</p>
<ul><li>One</li><li>Two</li></ul>
<div class="gmail_quote"><div class="gmail_attr">On Mon, Sam wrote:</div>
<blockquote class="gmail_quote">Any news about my application?</blockquote></div>
</body></html>"""


def test_html_only_body_is_converted_and_the_gmail_quote_set_apart() -> None:
    message = parse_message(single(b"text/html; charset=utf-8", b"8bit", HTML))
    assert message.text == (
        "Dear Sam,\n\nThank you for applying & for your patience.\nSecond line here.\n\n- One\n- Two"
    )
    assert "Any news about my application?" in message.quoted
    assert "ignore" not in message.text.lower()


def multipart(subtype: bytes, parts: list[bytes], boundary: bytes = b"XYZ") -> bytes:
    body = b"".join(b"--" + boundary + b"\r\n" + part + b"\r\n" for part in parts)
    return (
        HEAD
        + b"Content-Type: multipart/"
        + subtype
        + b'; boundary="'
        + boundary
        + b'"\r\n\r\npreamble\r\n'
        + body
        + b"--"
        + boundary
        + b"--\r\n"
    )


def test_alternative_prefers_the_plain_part() -> None:
    data = multipart(
        b"alternative",
        [
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlain words.",
            b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>HTML words.</p>",
        ],
    )
    assert parse_message(data).text == "Plain words."


def test_an_empty_plain_part_gives_way_to_html() -> None:
    data = multipart(
        b"alternative",
        [
            b"Content-Type: text/plain; charset=utf-8\r\n\r\n ",
            b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>HTML words.</p>",
        ],
    )
    assert parse_message(data).text == "HTML words."


def test_a_big_attachment_is_skipped_quickly() -> None:
    pdf = base64.encodebytes(bytes(range(256)) * 120_000).replace(b"\n", b"\r\n")  # ~40 MB
    data = multipart(
        b"mixed",
        [
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease find the letter attached.",
            b"Content-Type: application/pdf\r\nContent-Disposition: attachment; "
            b"filename=letter.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + pdf,
        ],
    )
    assert len(data) > 30_000_000
    started = time.process_time()
    message = parse_message(data)
    assert message.text == "Please find the letter attached."
    assert time.process_time() - started < 5.0  # parsing it line by line takes far longer


def test_a_wrong_boundary_is_guessed_and_reported() -> None:
    data = (
        HEAD + b'Content-Type: multipart/alternative; boundary="declared"\r\n\r\n'
        b"--actual\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe real text.\r\n"
        b"--actual--\r\n"
    )
    message = parse_message(data)
    assert message.text == "The real text."
    assert any("boundary" in w for w in message.warnings)


def test_truncated_multipart_still_gives_its_text() -> None:
    data = multipart(b"mixed", [b"Content-Type: text/plain\r\n\r\nCut short."])[:-9]
    message = parse_message(data)
    assert "Cut short." in message.text
    assert message.warnings


def test_missing_message_id_gets_a_stable_one() -> None:
    data = b"From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n"
    first, second = parse_message(data), parse_message(data)
    assert first.message_id == second.message_id
    assert first.message_id.startswith("sha256-")
    assert first.message_id.endswith("@nextround.invalid")
    assert parse_message(data + b"x").message_id != first.message_id


def test_broken_date_is_reported_not_raised() -> None:
    message = parse_message(b"From: a@example.com\r\nDate: yesterday-ish\r\n\r\nbody\r\n")
    assert message.date is None
    assert any("Date" in w for w in message.warnings)


@pytest.mark.parametrize(
    ("body", "text", "quoted_start"),
    [
        pytest.param(
            "Sounds good.\n\nOn Mon, 3 Mar 2025 at 09:00, Sam <sam@example.com> wrote:\n> Is Tuesday ok?",
            "Sounds good.",
            "On Mon",
            id="on-wrote",
        ),
        pytest.param(
            "Sounds good.\n\nOn Mon, 3 Mar 2025 at 09:00, Sam Okafor <\nsam@example.com> wrote:\n> x",
            "Sounds good.",
            "On Mon",
            id="on-wrote-wrapped",
        ),
        pytest.param(
            "Thanks!\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\nSubject: x\n\nold",
            "Thanks!",
            "-----Original",
            id="outlook-original",
        ),
        pytest.param(
            "Thanks!\n\n________________________________\nFrom: Sam <s@x.com>\nSent: Monday\nTo: Jo",
            "Thanks!",
            "____",
            id="outlook-rule",
        ),
        pytest.param(
            "Thanks!\n\nFrom: Sam <s@x.com>\nDate: Monday\nTo: Jo\nSubject: x\n\nold",
            "Thanks!",
            "From: Sam",
            id="outlook-from-date",
        ),
        pytest.param(
            "Danke!\n\nAm 17.06.2025 um 09:00 schrieb Sam <s@x.com>:\n> alt",
            "Danke!",
            "Am 17",
            id="german",
        ),
        pytest.param(
            "> old question\nNew answer.\n> another old line\nMore answer.",
            "New answer.\nMore answer.",
            "> old question",
            id="inline",
        ),
    ],
)
def test_quoted_replies_are_set_apart(body: str, text: str, quoted_start: str) -> None:
    message = parse_message(single(b"text/plain; charset=utf-8", b"8bit", body.encode()))
    assert message.text == text
    assert message.quoted.startswith(quoted_start)


def test_a_from_line_in_the_body_is_not_a_quote() -> None:
    body = b"From: our careers team, with thanks.\nSee you soon."
    message = parse_message(single(b"text/plain", b"7bit", body))
    assert "See you soon." in message.text


def test_text_is_capped() -> None:
    message = parse_message(single(b"text/plain", b"7bit", b"word " * 10_000))
    assert len(message.text) <= TEXT_LIMIT


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"just some words, no headers at all"])
def test_not_an_email_raises_invalid_input(data: bytes) -> None:
    with pytest.raises(InvalidInput):
        parse_message(data)


def test_garbage_after_headers_never_raises() -> None:
    data = b"From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\n\xff\xfe\x00garbage"
    assert parse_message(data).sender == "a@example.com"
