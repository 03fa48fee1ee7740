"""E-mail messages and mailto: links from plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from nextround.errors import InvalidInput
from nextround.renderers.emails import (
    Letter,
    as_text,
    build_message,
    domain_of,
    mailto,
    message_bytes,
    message_id,
)

LETTER = Letter(
    sender_name="Sam Doe",
    sender_email="sam@home.example",
    recipient_name="Dana Smith",
    recipient_email="dana@acme.example",
    subject="Congratulations on filling the Backend Engineer role",
    body="Hi Dana,\n\nCongratulations to you and the team!\n\nBest wishes,\nSam\n",
    message_id="<0123abcd@home.example>",
    date=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
)


def reparse(data: bytes) -> EmailMessage:
    parsed = message_from_bytes(data, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_a_draft_has_every_header_and_x_unsent() -> None:
    data = message_bytes(build_message(LETTER, draft=True))
    message = reparse(data)
    assert message["From"] == "Sam Doe <sam@home.example>"
    assert message["To"] == "Dana Smith <dana@acme.example>"
    assert message["Subject"] == LETTER.subject
    assert message["Date"] == "Wed, 25 Nov 2026 09:00:00 +0000"
    assert message["Message-ID"] == "<0123abcd@home.example>"
    assert message["X-Unsent"] == "1"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().replace("\r\n", "\n") == LETTER.body
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_the_message_to_send_is_not_marked_unsent() -> None:
    assert "X-Unsent" not in build_message(LETTER, draft=False)


def test_non_latin_names_and_text_are_encoded_and_come_back_intact() -> None:
    letter = replace(
        LETTER,
        sender_name="Zoë Ng, Jr.",
        recipient_name="大塚 陽子",
        subject="Félicitations — 祝贺",
        body="Bonjour Yōko,\n\nFélicitations à toute l'équipe ! 🎉\n",
    )
    data = message_bytes(build_message(letter, draft=True))
    assert data.isascii()  # 7-bit clean: RFC 2047 headers, quoted-printable body
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    message = reparse(data)
    assert message["From"].addresses[0].display_name == "Zoë Ng, Jr."
    assert message["To"].addresses[0].display_name == "大塚 陽子"
    assert message["To"].addresses[0].addr_spec == "dana@acme.example"
    assert message["Subject"] == "Félicitations — 祝贺"
    assert message["Content-Transfer-Encoding"] == "quoted-printable"
    assert message.get_content().replace("\r\n", "\n") == letter.body


def test_an_international_domain_travels_as_idna() -> None:
    letter = replace(LETTER, recipient_email="jürgen@bücher.example")
    with pytest.raises(InvalidInput, match="non-ASCII characters before the @"):
        build_message(letter, draft=True)
    message = build_message(replace(letter, recipient_email="juergen@bücher.example"), draft=True)
    assert message["To"].addresses[0].addr_spec == "juergen@xn--bcher-kva.example"


def test_a_line_break_in_the_subject_cannot_add_a_header() -> None:
    letter = replace(LETTER, subject="Hello\r\nBcc: everyone@example.com")
    message = reparse(message_bytes(build_message(letter, draft=True)))
    assert message["Subject"] == "Hello Bcc: everyone@example.com"
    assert "Bcc" not in message


def test_a_draft_without_a_known_sender_leaves_from_to_the_mail_client() -> None:
    message = build_message(replace(LETTER, sender_email=None), draft=True)
    assert "From" not in message


def test_very_long_lines_switch_to_quoted_printable() -> None:
    letter = replace(LETTER, body="word " * 300)
    data = message_bytes(build_message(letter, draft=False))
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    assert reparse(data).get_content().strip() == letter.body.strip()


def test_message_ids_are_stable_and_distinct() -> None:
    parts = ("send", 1, 5, "dana@acme.example", "2026-11-25")
    first = message_id(*parts, domain="home.example")
    assert first == message_id(*parts, domain="home.example")
    assert first != message_id(*parts[:-1], "2026-11-26", domain="home.example")
    assert first.startswith("<") and first.endswith("@home.example>")
    assert "dana" not in first
    assert message_id(1, domain=None).endswith("@nextround.invalid>")
    assert message_id(1, domain="bücher.example").endswith("@xn--bcher-kva.example>")
    assert domain_of("Sam@Home.Example") == "home.example"
    assert domain_of(None) is None


def test_mailto_percent_encodes_with_percent_20_and_crlf() -> None:
    link = mailto("dana@acme.example", "Congrats & thanks", "Hi Dana,\nCafé? Yes+no")
    assert link.startswith("mailto:dana@acme.example?subject=")
    assert "+" not in link
    assert " " not in link
    assert "subject=Congrats%20%26%20thanks" in link
    assert "%0D%0A" in link
    query = parse_qs(urlsplit(link).query)
    assert unquote(query["subject"][0]) == "Congrats & thanks"
    assert query["body"][0] == "Hi Dana,\r\nCafé? Yes+no"


def test_a_mailto_link_too_long_for_mail_clients_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"would be \d+ characters long, more than the 2000"):
        mailto("dana@acme.example", "Hi", "é" * 400)


def test_as_text_shows_decoded_headers_and_body() -> None:
    text = as_text(build_message(replace(LETTER, recipient_name="Zoë Ng"), draft=False))
    assert "To: Zoë Ng <dana@acme.example>" in text
    assert "Content-Transfer-Encoding" not in text
    assert text.endswith("Best wishes,\nSam")
