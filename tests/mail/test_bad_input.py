"""Messages that once crashed or hung the scan: each is read to the end, quickly,
and what had to be cut or repaired is said in the message's warnings."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from nextround.classify import classify
from nextround.domain.mail import Label
from nextround.domain.mail_matching import Letter, guess_company
from nextround.mail import limits
from nextround.mail.headers import header_text
from nextround.mail.htmltext import html_to_text
from nextround.mail.mailboxes import read_paths
from nextround.mail.messages import parse_message
from nextround.mail.sources import RawMail, SourceProblem
from tests.mail import badmail, fuzzing

BAD = badmail.all_messages()


@pytest.mark.parametrize("name", sorted(BAD))
def test_every_message_that_once_broke_the_scan_is_read_quickly(name: str) -> None:
    assert fuzzing.read_all(BAD[name]) < fuzzing.HANG


def test_a_sender_domain_without_a_dot_is_still_classified_and_named_by_nobody() -> None:
    message = parse_message(BAD["sender-domain-without-dot.eml"])
    assert message.sender == "jobs@localhost"
    assert classify(message).label is Label.REJECTION
    letter = Letter(message.sender, message.sender_name, message.subject, message.text)
    # "localhost" names no company, and "Hiring" is a team, not a company.
    assert guess_company(letter) is None
    assert guess_company(Letter("x@localhost", "Initech Careers", "", "")) == "Initech"
    assert guess_company(Letter("x@.example", "", "", "")) is None


def test_a_broken_base64_word_is_kept_as_written_and_reported() -> None:
    message = parse_message(BAD["broken-base64-encoded-word.eml"])
    assert message.subject == "=?utf-8?b?A?= Your application Interview"
    assert "a header has a broken encoded word" in message.warnings


def test_markup_the_html_parser_refuses_is_read_without_tags() -> None:
    message = parse_message(BAD["html-marked-section.eml"])
    assert "decided not to proceed with your application" in message.text
    assert "Best of luck." in message.text
    assert "<" not in message.text
    assert classify(message).label is Label.REJECTION


def test_an_undeclared_8bit_charset_is_guessed_and_reported() -> None:
    message = parse_message(BAD["undeclared-8bit-charset.eml"])
    assert "Vielen Dank für Ihre Bewerbung" in message.text
    assert "charset not declared; read as UTF-8 or Windows-1252" in message.warnings


def test_nesting_beyond_the_cap_is_cut_and_reported() -> None:
    message = parse_message(BAD["nested-1000-deep"])
    assert message.subject == "Your application"
    assert (
        f"the message has more than {limits.MAX_CONTAINERS} nested or multipart sections; "
        f"read only the first {limits.MAX_CONTAINERS}"
    ) in message.warnings


def test_nesting_within_the_cap_is_read_to_the_innermost_text() -> None:
    message = parse_message(badmail.nested(limits.MAX_CONTAINERS - 1))
    assert message.text == "deep inside"
    assert not any("nested" in w for w in message.warnings)


def test_a_base64_line_over_a_megabyte_is_decoded_only_as_far_as_needed() -> None:
    message = parse_message(BAD["base64-line-over-1-mb"])
    assert message.text.startswith("Unfortunately we will not proceed.")
    assert (
        f"a text part is longer than {limits.MAX_DECODED // 1024} KB; read only its start"
        in message.warnings
    )


def test_a_header_of_a_megabyte_is_cut_and_reported() -> None:
    message = parse_message(BAD["header-of-1-mb"])
    assert len(message.subject) <= limits.MAX_HEADER
    assert "a header is longer than 8 KB; read only its start" in message.warnings
    assert classify(message).label is Label.REJECTION


def test_ten_thousand_parts_are_cut_to_the_cap_and_the_first_is_read() -> None:
    message = parse_message(BAD["10000-parts"])
    assert message.text == "part 0"
    assert (
        f"the message has more than {limits.MAX_PARTS} MIME parts; "
        f"read only the first {limits.MAX_PARTS}"
    ) in message.warnings


def test_the_long_base64_cutter_keeps_the_first_lines_of_each_run() -> None:
    line = b"A" * 76 + b"\r\n"
    head, tail = b"Subject: x\r\n\r\n", b"--end--\r\n"
    data = head + line * (limits.KEEP_LINES + 500) + tail + line * 3 + tail
    assert limits.cut_long_base64(data) == (
        head + line * limits.KEEP_LINES + tail + line * 3 + tail
    )
    assert limits.cut_long_base64(head + b"A" * 3_000_000) == head + b"A" * 3_000_000


@pytest.mark.parametrize(
    "raw",
    [
        "=?a?q?" * 200_000,
        "=?utf-8?b?" + "A" * 500_000,
        "=?" * 400_000,
        "=?utf-8?q?x?= " * 50_000,
    ],
    ids=["unclosed-words", "long-unclosed-word", "openers", "many-words"],
)
def test_header_decoding_is_linear(raw: str) -> None:
    start = time.process_time()
    header_text(raw, [])
    assert time.process_time() - start < 2.0  # quadratic: minutes


def test_adjacent_encoded_words_join_even_inside_a_character() -> None:
    # "é" split across two words: its two UTF-8 bytes only make sense together.
    assert header_text("=?utf-8?q?Caf=C3?= =?utf-8?q?=A9?= ok", []) == "Café ok"
    assert header_text("a =?utf-8?b?w6k=?= b", []) == "a é b"


@pytest.mark.parametrize(
    "html",
    ["<a " * 30_000, "<i>" * 10_000 + "</b>" * 10_000, "<!--" + "<a>" * 25_000, "<" * 80_000],
    ids=["unclosed-tags", "stray-end-tags", "unclosed-comment", "brackets"],
)
def test_html_conversion_is_linear(html: str) -> None:
    start = time.process_time()
    html_to_text(html)
    assert time.process_time() - start < 2.0  # quadratic: 5 to 100 seconds


# --------------------------------------------------------------------------- Maildir


def maildir_with(tmp_path: Path) -> Path:
    root = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    (root / "cur" / "1700000001.M1P1.host:2,S").write_bytes(
        b"From: a@acme.example\r\nSubject: first\r\n\r\nhello\r\n"
    )
    (root / "cur" / "1700000009.M9P1.host:2,S").write_bytes(
        b"From: a@acme.example\r\nSubject: last\r\n\r\nhello\r\n"
    )
    return root


def read_within(root: Path, seconds: float = 10.0) -> list[RawMail | SourceProblem]:
    """Read on a thread, so that a reader that blocks fails the test instead of hanging it."""
    found: list[RawMail | SourceProblem] = []
    reader = threading.Thread(target=lambda: found.extend(read_paths([root])), daemon=True)
    reader.start()
    reader.join(seconds)
    assert not reader.is_alive(), "reading the Maildir blocked"
    return found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_maildir_is_skipped_with_a_warning_not_waited_on(tmp_path: Path) -> None:
    root = maildir_with(tmp_path)
    fifo = root / "cur" / "1700000005.M5P1.host:2,S"
    os.mkfifo(fifo)
    found = read_within(root)
    assert [type(f) for f in found] == [RawMail, SourceProblem, RawMail]
    assert found[1] == SourceProblem(
        f"maildir:{fifo}", f"{fifo} is not a regular file (a FIFO, socket or device); skipped"
    )


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets on this system")
def test_a_socket_in_a_maildir_is_skipped_with_a_warning(tmp_path: Path) -> None:
    root = maildir_with(tmp_path)
    path = root / "new" / "1700000005.M5P1.host"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        found = read_within(root)
    assert [type(f) for f in found] == [RawMail, SourceProblem, RawMail]
    assert found[1].source == f"maildir:{path}"


def test_a_device_linked_into_a_maildir_is_skipped(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here") if not os.environ.get("CI") else pytest.fail("/dev/zero")
    root = maildir_with(tmp_path)
    (root / "cur" / "1700000005.M5P1.host:2,S").symlink_to("/dev/zero")
    found = read_within(root)
    assert [type(f) for f in found] == [RawMail, SourceProblem, RawMail]
    assert "is not a regular file" in found[1].message


def test_control_characters_from_mail_go_no_further_than_the_parser() -> None:
    data = (
        b"From: =?utf-8?q?Dana=00=1B[31m?= <dana@acme.example>\r\n"
        b"Subject: =?utf-8?q?Your=1B]8;;http://x=07_application=00?=\r\n"
        b"Message-ID: <a\x01b@acme.example>\r\n\r\n"
        b"We regret\x00 to inform you\x1b[2J that the position has been filled.\r\nBye\r\n"
    )
    message = parse_message(data)
    assert message.sender_name == "Dana[31m"
    assert message.subject == "Your]8;;http://x application"
    assert message.message_id == "ab@acme.example"
    assert message.text == "We regret to inform you[2J that the position has been filled.\nBye"
    assert classify(message).label is Label.REJECTION


def test_lines_that_almost_look_like_postmarks_are_checked_in_linear_time(
    tmp_path: Path,
) -> None:
    # Each line starts "From " after a blank line and holds times but no year: the one
    # pattern postmarks were matched with backtracked over every pair of positions.
    almost = b"\nFrom x " + b"1:11 " * 100 + b"\n"
    path = tmp_path / "in.mbox"
    path.write_bytes(
        b"From a@acme.example Wed Nov 25 09:00:00 2026\nSubject: one\n\nbody\n" + almost * 20_000
    )
    start = time.process_time()
    [found] = list(read_paths([path]))
    assert time.process_time() - start < 3.0  # 0.5 s here; the backtracking pattern: 12 s
    assert isinstance(found, RawMail) and found.data.count(b"\nFrom x 1:11") == 20_000


def test_a_large_message_is_bounded_at_memory_speed() -> None:
    # 30 MB of lines that are neither base64 nor MIME structure: each bound is one
    # literal search, not a pattern tried at every position.
    data = b"From: a@acme.example\nSubject: big\n\n" + (b"A" * 300 + b"\n") * 100_000
    start = time.process_time()
    assert limits.bound(data, []) == data
    assert time.process_time() - start < 0.6  # 0.2 s here; "^" under re.MULTILINE: 1.2 s


def test_a_charset_name_holding_nul_bytes_is_an_unknown_charset() -> None:
    # Found by `make fuzz`: codecs.lookup raises ValueError, not LookupError, on a NUL.
    message = parse_message(BAD["fuzz-nul-in-charset.eml"])
    assert message.text.startswith("Dear Sam,\n\nThe position you applied for")
    assert any(w.startswith("unknown charset") for w in message.warnings)
    assert classify(message).label is Label.REJECTION


def test_address_groups_nested_past_the_recursion_limit_are_read_flat() -> None:
    # Found by `make fuzz`: the standard library's address parser recursed once per group
    # ":" (and once per comment "(").
    message = parse_message(BAD["fuzz-address-groups-nested.eml"])
    assert message.sender == "talent@acme.example"
    assert message.to == ("sam@home.example",)
    assert classify(message).label is Label.REJECTION


def test_8bit_text_under_a_charset_python_cannot_look_up_is_still_read() -> None:
    # Found by `make fuzz`: Message.get_payload() raised ValueError for the NUL in the name.
    message = parse_message(BAD["fuzz-nul-charset-8bit-body.eml"])
    assert "has now been filled" in message.text
    assert any(w.startswith("unknown charset") for w in message.warnings)
