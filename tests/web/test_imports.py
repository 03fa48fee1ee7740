"""The Import page: upload, a dry-run preview with line numbers, confirm, undo."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from nextround.errors import InvalidInput
from nextround.services import people
from nextround.web import uploads
from nextround.web.imports import _done
from tests.web.conftest import Browser
from tests.web.scenario import company, ctx_of

CONNECTIONS = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Fox,Mulder,https://www.linkedin.com/in/fox-mulder,,ACME Robotics GmbH,Agent,08 Feb 2026\n"
    "Dana,Scully,https://www.linkedin.com/in/dana-scully,dana@fbi.example,FBI,Doctor,"
    "09 Feb 2026\n"
    ",,,,,,\n"
).encode()


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden {name}"
    return found.group(1)


def upload(client: Browser, data: bytes, kind: str = "linkedin", name: str = "Connections.csv"):  # type: ignore[no-untyped-def]
    client.load("/import")
    return client.submit("/import", {"kind": kind}, files={"file": (name, data, "text/csv")})


def test_the_page_offers_each_kind_and_is_linked_from_export(client: Browser) -> None:
    page = client.load("/import")
    assert 'enctype="multipart/form-data"' in page
    assert 'value="linkedin"' in page
    assert "LinkedIn data export" in page
    assert 'href="/import"' in client.load("/export")


def test_preview_changes_nothing_then_confirm_imports_and_undo_takes_it_back(
    client: Browser,
) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    shown = upload(client, CONNECTIONS)
    assert shown.status_code == 200, shown.text
    page = shown.text
    assert (
        "Nothing is saved yet. Importing would add 2, update 0, find 0 already here and skip 1"
        in page
    )
    assert "<td>5</td>" in page and "<td>6</td>" in page  # line numbers of the rows
    assert "Line 7" in page  # the row of commas, skipped with its line
    assert people.list_people(ctx) == []

    client.csrf = _hidden(page, "csrf")
    done = client.submit(
        "/import/confirm",
        {"token": _hidden(page, "token"), "name": _hidden(page, "name"), "kind": "linkedin"},
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/import?kind=linkedin&done=created-2.")
    after = client.load(done.headers["location"])
    assert "2 added, 0 updated, 0 already here, 1 skipped" in after
    assert "Undo" in after
    assert sorted(p.person.name for p in people.list_people(ctx)) == ["Dana Scully", "Fox Mulder"]
    # Fox is now someone the user knows at Acme Robotics.
    assert "Fox Mulder" in client.load(f"/companies/{acme}")

    # The upload is gone once imported: confirming again is refused, nothing doubled.
    again = client.submit(
        "/import/confirm",
        {"token": _hidden(page, "token"), "name": _hidden(page, "name"), "kind": "linkedin"},
    )
    assert again.status_code == 422
    assert "preview has expired" in again.text
    # The same file again: everything already here.
    second = upload(client, CONNECTIONS).text
    assert "add 0, update 0, find 2 already here" in second


def test_cancel_forgets_the_file(client: Browser) -> None:
    page = upload(client, CONNECTIONS).text
    token = _hidden(page, "token")
    assert any(p.name.endswith(token) for p in uploads.folder().iterdir())
    client.csrf = _hidden(page, "csrf")
    gone = client.submit("/import/cancel", {"token": token, "name": "x", "kind": "linkedin"})
    assert (gone.status_code, gone.headers["location"]) == (303, "/import")
    assert not any(p.name.endswith(token) for p in uploads.folder().iterdir())


def test_bad_files_are_named_beside_the_field_and_nothing_is_kept(client: Browser) -> None:
    before = set(uploads.folder().iterdir())
    empty = upload(client, b"")
    assert empty.status_code == 422
    assert "The file is empty" in empty.text
    garbage = upload(client, b"just some words\nnothing like a header\n")
    assert garbage.status_code == 422
    assert 'class="field-error" id="e-file"' in garbage.text
    unknown = upload(client, CONNECTIONS, kind="spreadsheet-from-mars")
    assert unknown.status_code == 422
    assert "Choose what kind of file this is." in unknown.text
    client.load("/import")
    missing = client.submit("/import", {"kind": "linkedin"})
    assert missing.status_code == 422
    assert "Choose the file to import." in missing.text
    assert set(uploads.folder().iterdir()) == before
    assert people.list_people(ctx_of(client)) == []


def test_a_forged_or_foreign_token_opens_nothing(client: Browser) -> None:
    page = upload(client, CONNECTIONS).text
    token = _hidden(page, "token")
    client.csrf = _hidden(page, "csrf")
    for forged in ("../../etc/passwd", "x" * 10, token[:-1] + ("A" if token[-1] != "A" else "B")):
        refused = client.submit(
            "/import/confirm", {"token": forged, "name": "x", "kind": "linkedin"}
        )
        assert refused.status_code == 422
    assert uploads.find(token, "Connections.csv", 1).path.is_file()
    try:
        uploads.find(token, "Connections.csv", 2)  # another owner's token
    except InvalidInput as exc:
        assert "expired" in str(exc)
    else:
        raise AssertionError("another owner opened the upload")


def test_names_from_browsers_lose_their_folders() -> None:
    assert uploads.clean_name("C:\\Users\\me\\Connections.csv") == "Connections.csv"
    assert uploads.clean_name("../../x.csv") == "x.csv"
    assert uploads.clean_name("a\x00b\nc.csv") == "abc.csv"
    assert uploads.clean_name("") == "upload"


VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab Ng\r\nORG:Acme Robotics\\, Inc.;Fleet\r\n"
    b"EMAIL;TYPE=WORK:zoe@acme.example\r\nEND:VCARD\r\n"
)


def test_an_address_book_goes_the_same_way(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    page = upload(client, VCARD, kind="vcard", name="contacts.vcf").text
    assert "Importing would add 1" in page
    client.csrf = _hidden(page, "csrf")
    done = client.submit(
        "/import/confirm",
        {"token": _hidden(page, "token"), "name": _hidden(page, "name"), "kind": "vcard"},
    )
    assert done.status_code == 303
    known = client.load(f"/companies/{acme}")
    assert "Zoë Ng" in known and "in your address book" in known


@given(st.text(max_size=300))
def test_any_file_name_is_made_a_plain_short_name(name: str) -> None:
    clean = uploads.clean_name(name)
    assert clean and len(clean) <= 200
    assert "/" not in clean and "\\" not in clean
    assert clean.isprintable()


@given(st.text(max_size=80))
def test_any_done_address_is_read_or_ignored(value: str) -> None:
    found = _done(value)
    assert found is None or all(isinstance(n, int) and n >= 0 for n in found.values())
