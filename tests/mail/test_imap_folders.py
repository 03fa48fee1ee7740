"""Reading the folder names of a LIST answer (outside data: fuzzed) and listing a real server's."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.errors import ConfigError, NextroundError
from nextround.mail.imap import _mailbox
from nextround.mail.imap_folders import decode_utf7, folder_name, list_folders
from tests.imapserver import ImapUser


@pytest.mark.parametrize(
    ("line", "name"),
    [
        (b'(\\HasNoChildren) "." INBOX', "INBOX"),
        (b'(\\HasNoChildren) "/" "Sent Items"', "Sent Items"),
        (b'(\\HasChildren) "/" "[Gmail]"', "[Gmail]"),
        (b'(\\Noselect \\HasChildren) "/" "[Gmail]"', None),
        (b'(\\NonExistent) "/" "Gone"', None),
        (b'() NIL "Quote \\"this\\" \\\\ too"', 'Quote "this" \\ too'),
        (b'(\\HasNoChildren) "." "R&AOk-cup&AOk-ration"', "Récupération"),
        (b'(\\HasNoChildren) "." "Tom &- Jerry"', "Tom & Jerry"),
        ((b'(\\HasNoChildren) "/" {9}', b'Odd"name'), 'Odd"name'),
        (b"not a list line", None),
        (b'(\\HasNoChildren) "/" two words', None),
        (b'(\\HasNoChildren) "/" "bell\x07"', None),
        (None, None),
    ],
)
def test_list_lines(line: object, name: str | None) -> None:
    assert folder_name(line) == name


@given(st.text(min_size=1, max_size=60).filter(lambda t: t.isprintable()))
def test_any_printable_name_comes_back_as_it_was_sent(name: str) -> None:
    line = b'(\\HasNoChildren) "/" ' + _mailbox(name).encode("ascii")
    assert folder_name(line) == name


@given(
    st.one_of(st.binary(max_size=300), st.tuples(st.binary(max_size=80), st.binary(max_size=80)))
)
def test_no_line_from_a_server_breaks_the_reader(line: object) -> None:
    found = folder_name(line)
    assert found is None or (found and found.isprintable())


@given(st.text(max_size=80))
def test_decoding_never_fails(name: str) -> None:
    assert isinstance(decode_utf7(name), str)


def test_a_real_server_lists_its_folders_inbox_first(imap_user: ImapUser) -> None:
    imap_user.create("Jobs", "Archive.2026", "Z&AOQ-hler")
    found = list_folders(imap_user.settings())
    assert found[0] == "INBOX"
    assert {"Jobs", "Archive.2026", "Zähler"} <= set(found)


def test_listing_needs_an_account_and_a_password(imap_user: ImapUser) -> None:
    from dataclasses import replace

    with pytest.raises(ConfigError, match="save the server"):
        list_folders(replace(imap_user.settings(), host=""))
    with pytest.raises(NextroundError, match="refused the login") as refused:
        list_folders(replace(imap_user.settings(), password="wrong-one-123"))
    assert "wrong-one-123" not in refused.value.message
