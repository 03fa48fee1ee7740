"""LinkedIn's export read into records: both layouts, invitations, the zip, and bad input."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.domain.imports import Imported, ImportedInvitation, ImportedPerson, SkippedRow
from nextround.importers import ImportFailed, archive
from nextround.importers.linkedin import parse_day, read

FIXTURES = Path(__file__).parent / "fixtures" / "linkedin"
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _read(data: bytes, name: str = "Connections.csv") -> list[Imported]:
    return list(read(io.BytesIO(data), name))


def _people(found: list[Imported]) -> list[ImportedPerson]:
    return [r for r in found if isinstance(r, ImportedPerson)]


def test_the_current_layout_with_its_notes_and_byte_order_mark() -> None:
    found = _read((FIXTURES / "Connections.csv").read_bytes())
    assert [(r.line, type(r).__name__) for r in found] == [
        (5, "ImportedPerson"),
        (6, "ImportedPerson"),
        (7, "SkippedRow"),
        (8, "ImportedPerson"),
        (9, "ImportedPerson"),
    ]
    ada, zoe, grace, dana = _people(found)
    assert ada == ImportedPerson(
        5,
        "Ada Lovelace",
        organisation="Analytical Engines Ltd",
        title="Head of Engineering, Platform",
        linkedin_url="https://www.linkedin.com/in/ada-lovelace",
        connected_on=date(2026, 2, 8),
    )
    assert zoe.name == "Zoë Müller" and zoe.emails == ("zoe@example.org",)
    assert grace.organisation == "Navy, Inc." and grace.connected_on == date(2019, 12, 30)
    assert (dana.name, dana.title) == ("Dana Smith", 'Staff Engineer "Data"')


def test_the_older_layout_without_urls_and_with_slashed_days() -> None:
    found = _people(_read((FIXTURES / "Connections-2018.csv").read_bytes()))
    assert [(p.line, p.name, p.linkedin_url, p.connected_on) for p in found] == [
        (2, "Ada Lovelace", None, date(2018, 1, 8)),
        (3, "Charles Babbage", None, date(2017, 12, 24)),
        (4, "Hugo Kim", None, date(2016, 3, 2)),
    ]


def test_a_file_whose_days_can_only_be_day_first_is_read_day_first() -> None:
    data = f'{HEADER}\nA,B,,,,,"13/2/18, 1:00 PM"\nC,D,,,,,"1/2/18, 2:00 PM"\n'.encode()
    assert [p.connected_on for p in _people(_read(data))] == [date(2018, 2, 13), date(2018, 2, 1)]


def test_days_written_both_ways_are_refused_rather_than_guessed() -> None:
    data = f"{HEADER}\nA,B,,,,,13/2/18\nC,D,,,,,2/13/18\n".encode()
    with pytest.raises(ImportFailed, match="both month first and day first"):
        _read(data)


def test_the_german_header_is_read_too() -> None:
    data = (
        "Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am\n"
        "Jürgen,Weiß,https://www.linkedin.com/in/jw,,Beispiel AG,CTO,08 Feb 2026\n"
    ).encode()
    (person,) = _people(_read(data))
    assert (person.name, person.organisation, person.connected_on) == (
        "Jürgen Weiß",
        "Beispiel AG",
        date(2026, 2, 8),
    )


def test_invitations_each_way() -> None:
    found = _read((FIXTURES / "Invitations.csv").read_bytes(), "Invitations.csv")
    assert all(isinstance(r, ImportedInvitation) for r in found)
    first, incoming, stranger = found
    assert isinstance(first, ImportedInvitation)
    assert (first.line, first.name, first.outgoing, first.sent_on) == (
        2,
        "Ada Lovelace",
        True,
        date(2026, 2, 1),
    )
    assert first.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert "thank you for the interview" in first.message
    assert isinstance(incoming, ImportedInvitation) and incoming.line == 4
    assert (incoming.name, incoming.outgoing) == ("Sam Recruiter", False)
    assert isinstance(stranger, ImportedInvitation) and stranger.line == 5


def test_iso_days_in_invitations() -> None:
    assert parse_day("2026-02-08 14:14:00 UTC") == date(2026, 2, 8)
    assert parse_day("Feb 8, 2026") == date(2026, 2, 8)
    assert parse_day("8 February 2026") == date(2026, 2, 8)
    assert parse_day("8 Fébruary 2026") is None
    assert parse_day("31 Feb 2026") is None
    assert parse_day("08.02.2026") is None


# Bad input ---------------------------------------------------------------


def _connections(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def test_utf16_and_windows_1252_files() -> None:
    text = f"{HEADER}\nJosé,Núñez,,,Café GmbH,Chef,08 Feb 2026\n"
    for encoding in ("utf-16", "cp1252"):
        (person,) = _people(_read(text.encode(encoding)))
        assert (person.name, person.organisation) == ("José Núñez", "Café GmbH"), encoding


def test_a_semicolon_separated_file() -> None:
    data = _connections("Ada;Lovelace;;;Engines;CTO;08 Feb 2026", header=HEADER.replace(",", ";"))
    (person,) = _people(_read(data))
    assert (person.name, person.title) == ("Ada Lovelace", "CTO")


def test_a_missing_column_names_it_and_the_header_line() -> None:
    data = b"Notes:\n\nFirst Name,Last Name,URL,Company\nAda,Lovelace,,Engines\n"
    with pytest.raises(ImportFailed, match=r"^line 3: the header has no 'Connected On' column"):
        _read(data)


def test_extra_columns_are_ignored_and_short_rows_padded() -> None:
    data = _connections(
        "Ada,Lovelace,,,Engines,CTO,08 Feb 2026,extra,more",
        "Grace,Hopper",
        header=HEADER + ",Tags,Whatever",
    )
    ada, grace = _people(_read(data))
    assert ada.title == "CTO"
    assert (grace.name, grace.organisation, grace.connected_on) == ("Grace Hopper", None, None)


def test_an_empty_file_and_a_file_with_no_header() -> None:
    with pytest.raises(ImportFailed, match="the file is empty"):
        _read(b"")
    with pytest.raises(ImportFailed, match="no LinkedIn header in the first lines"):
        _read(b"Notes:\nnothing here\n")


def test_a_quoted_newline_keeps_the_next_rows_line_numbers() -> None:
    data = _connections('Ada,Lovelace,,,"Engines\nLtd",CTO,08 Feb 2026', "Grace,Hopper,,,,,")
    ada, grace = _people(_read(data))
    assert (ada.line, ada.organisation) == (2, "Engines Ltd")
    assert grace.line == 4


def test_a_row_of_commas_is_skipped_with_its_line() -> None:
    found = _read(_connections(",,,,,,", "Ada,Lovelace,,,,,"))
    assert found[0] == SkippedRow(2, "the row has no values")
    assert isinstance(found[1], ImportedPerson)


def test_a_date_in_another_format_is_left_out_and_said() -> None:
    (person,) = _people(_read(_connections("Ada,Lovelace,,not-an-email,,,2026.02.08")))
    assert person.connected_on is None and person.emails == ()
    assert "'not-an-email' is not an email address" in person.note
    assert "the day '2026.02.08' can't be read" in person.note


# The zip -----------------------------------------------------------------


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_the_export_zip_gives_connections_then_invitations_by_file() -> None:
    data = _zip(
        {
            "Invitations.csv": (FIXTURES / "Invitations.csv").read_bytes(),
            "Basic_LinkedInDataExport/Connections.csv": (FIXTURES / "Connections.csv").read_bytes(),
            "Profile.csv": b"First Name,Last Name\nJo,Seeker\n",
        }
    )
    found = _read(data, "export.zip")
    assert [(type(r).__name__, r.file) for r in found][:2] == [
        ("ImportedPerson", "Connections.csv"),
        ("ImportedPerson", "Connections.csv"),
    ]
    assert [r.file for r in found if isinstance(r, ImportedInvitation)] == ["Invitations.csv"] * 3


def test_a_zip_without_the_files_is_refused() -> None:
    with pytest.raises(ImportFailed, match=r"neither Connections\.csv nor Invitations\.csv"):
        _read(_zip({"Profile.csv": b"a,b\n"}), "export.zip")


@pytest.mark.parametrize("name", ["../Connections.csv", "/etc/Connections.csv", "a/../../x.csv"])
def test_a_zip_with_a_path_outside_its_folder_is_refused(name: str) -> None:
    data = _zip({"Connections.csv": _connections("Ada,Lovelace,,,,,"), name: b"x"})
    with pytest.raises(ImportFailed, match="outside its folder"):
        _read(data, "export.zip")


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    bomb = _zip({"Connections.csv": HEADER.encode() + b"\n" + b"\n" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(ImportFailed, match="a zip bomb"):
        _read(bomb, "export.zip")


def test_a_zip_too_large_in_all_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    data = _zip({"Connections.csv": _connections(*["Ada,Lovelace,,,,,"] * 100)})
    with pytest.raises(ImportFailed, match="more than the 1,000 allowed"):
        _read(data, "export.zip")


def test_a_damaged_zip_is_refused() -> None:
    data = _zip({"Connections.csv": _connections("Ada,Lovelace,,,,,")})
    with pytest.raises(ImportFailed, match="damaged"):
        _read(data[: len(data) // 2], "export.zip")


# Fuzz --------------------------------------------------------------------

_CELLS = st.text(max_size=15) | st.sampled_from(["08 Feb 2026", "1/8/18, 6:14 PM", "", ","])


@FUZZ
@given(st.lists(st.lists(_CELLS, max_size=9), max_size=8), st.sampled_from([",", ";", "\t"]))
def test_any_rows_under_a_connections_header_give_records_or_an_import_error(
    rows: list[list[str]], delimiter: str
) -> None:
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADER.split(","))
    writer.writerows(rows)
    try:
        found = _read(buffer.getvalue().encode())
    except ImportFailed as exc:
        assert exc.message
        return
    assert all(r.line >= 2 for r in found)


@FUZZ
@given(st.binary(max_size=500))
def test_any_bytes_give_records_or_an_import_error(data: bytes) -> None:
    for prefix in (b"", b"From,To,Sent At,Direction\n", (HEADER + "\n").encode()):
        try:
            _read(prefix + data)
        except ImportFailed as exc:
            assert exc.message and "\n" not in exc.message


@FUZZ
@given(st.binary(max_size=300))
def test_any_zip_member_gives_records_or_an_import_error(data: bytes) -> None:
    try:
        _read(_zip({"Connections.csv": data, "Invitations.csv": data[::-1]}), "export.zip")
    except ImportFailed as exc:
        assert exc.message
