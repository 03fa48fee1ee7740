"""vCard 2.1, 3.0 and 4.0 files read into contacts, each bad card a skip with its line."""

from __future__ import annotations

import pytest

from nextround.domain.imports import ImportedPerson
from nextround.importers.contacts import Contact, ImportFailed, Skipped
from nextround.importers.vcards import read_vcards, vcard_records
from tests.importers.rows import FIXTURES


def _read(name: str) -> list[Contact | Skipped]:
    found = list(read_vcards((FIXTURES / name).read_bytes()))
    handed_on = list(vcard_records((FIXTURES / name).read_bytes()))
    assert handed_on == [r.imported() if isinstance(r, Contact) else r for r in found]
    return found


def test_vcard_21_quoted_printable_soft_breaks_and_charset() -> None:
    first, second = _read("contacts-2.1.vcf")
    assert isinstance(first, Contact)
    assert first.name == "Dr. Jürgen Müller"
    assert first.organisation == "Initech GmbH"
    assert first.title == "Head of Platform"
    assert first.emails == ("juergen@initech.example", "jm@home.example")
    assert first.phones == ("+49 30 1234567",)
    # The soft line break (=) joins the street's two lines; the code goes before the town.
    assert first.address == "Friedrichstraße 12\nHinterhaus\n10117 Berlin\nGermany"
    assert first.work_address == first.address
    assert first.notes == "Met at the panel interview; liked the robot fleet question."
    assert second == Skipped(
        19,
        "card 2 has no name (neither FN nor N); "
        "give the contact a name in your address book and export again",
    )


def test_vcard_30_folded_lines_groups_escapes_and_linkedin() -> None:
    zoe, nameless, chidi = _read("contacts-3.0.vcf")
    assert isinstance(zoe, Contact) and isinstance(chidi, Contact)
    assert zoe.name == "Zoë Ng"
    assert zoe.organisation == "Acme Robotics, Inc."
    assert zoe.emails[0] == "zoe.ng@acme.example"  # type=pref first
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-ng-4711/"
    assert zoe.websites == ("https://zoe.example/blog",)
    assert zoe.notes == "Knows the hiring manager at Initech.\nPrefers e-mail over phone calls."
    # The preferred (work) address goes on the card; the home one is kept too.
    assert zoe.address == "1 Main St\nSuite 400\nSpringfield, IL 62701\nUnited States"
    assert [a.kind for a in zoe.addresses] == ["work", "home"]
    assert zoe.labels == ("Work", "Robotics")
    assert isinstance(nameless, Skipped) and nameless.line == 21
    assert chidi.name == "Mr. Chidi Anan Okafor Jr."  # from N when FN is missing
    assert chidi.line == 27


def test_vcard_40_label_parameter_pref_number_and_social_profile() -> None:
    (amara,) = _read("contacts-4.0.vcf")
    assert isinstance(amara, Contact)
    assert amara.address == "Globex House\n12 King's Road\nLondon SW3 4RP\nUnited Kingdom"
    assert amara.phones == ("+44-20-7946-0000",)  # tel: URI scheme dropped
    assert amara.linkedin_url == "https://uk.linkedin.com/in/amaradiallo"
    assert amara.title == "Talent Partner"


def test_windows_1252_file_and_bare_lf() -> None:
    data = "BEGIN:VCARD\nVERSION:3.0\nFN:Renée Faß\nEND:VCARD\n".encode("cp1252")
    (renee,) = read_vcards(data)
    assert isinstance(renee, Contact) and renee.name == "Renée Faß"


def test_utf16_file() -> None:
    data = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kenji Sato\r\nEND:VCARD\r\n".encode("utf-16")
    (kenji,) = read_vcards(data)
    assert isinstance(kenji, Contact) and kenji.name == "Kenji Sato"


def test_card_cut_short_is_skipped_with_its_line() -> None:
    data = b"BEGIN:VCARD\r\nFN:A B\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:C D\r\n"
    first, cut = read_vcards(data)
    assert isinstance(first, Contact)
    assert cut == Skipped(4, "the card has no END:VCARD (the file may be cut short)")


def test_unknown_charset_falls_back_to_utf8() -> None:
    data = b"BEGIN:VCARD\nFN;CHARSET=x\x00y;ENCODING=QUOTED-PRINTABLE:Ana =C3=81lvarez\nEND:VCARD\n"
    (ana,) = read_vcards(data)
    assert isinstance(ana, Contact) and ana.name == "Ana Álvarez"


@pytest.mark.parametrize("data", [b"", b"hello\nworld\n", b"FN:No card around me\n"])
def test_a_file_without_cards_is_refused(data: bytes) -> None:
    with pytest.raises(ImportFailed, match="no vCard in this file"):
        list(read_vcards(data))


def test_a_file_larger_than_an_address_book_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from nextround.importers import vcards

    monkeypatch.setattr(vcards, "MAX_BYTES", 1000)
    data = b"BEGIN:VCARD\r\nFN:A B\r\nEND:VCARD\r\n" * 100
    with pytest.raises(ImportFailed, match=r"more than an address book holds"):
        list(vcards.read(io.BytesIO(data), "big.vcf"))
    (first, *_) = vcards.read(io.BytesIO(data[:999]), "small.vcf")
    assert isinstance(first, ImportedPerson) and first.name == "A B"
