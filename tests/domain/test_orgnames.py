"""Company names and web domains compared with care: never a prefix, never a part."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from nextround.domain.orgnames import (
    LEGAL_SUFFIXES,
    Organisation,
    email_domain,
    host_of,
    name_key,
    same_domain,
    same_organisation,
    words,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ACME Robotics, Inc.", "acme robotics"),
        ("Acme Robotics Inc", "acme robotics"),
        ("Acme Robotics LLC", "acme robotics"),
        ("Zürich Analytics AG", "zurich analytics"),
        ("Smith & Sons Ltd.", "smith and sons"),
        ("Smith and Sons Limited", "smith and sons"),
        ("Müller GmbH & Co. KG", "muller"),
        ("Müller GmbH", "muller"),
        ("Telefónica S.A.", "telefonica"),
        ("Glovo S.L.", "glovo"),
        ("Atlassian Pty Ltd", "atlassian"),
        ("Atlassian Pty. Ltd.", "atlassian"),
        ("Booking.com B.V.", "bookingcom"),
        ("Samsung Electronics Co., Ltd.", "samsung electronics"),
        ("The Guardian", "guardian"),
        ("Macy's, Inc.", "macys"),
        ("Macy\u2019s", "macys"),
        ("Straße GmbH", "strasse"),
        ("Siemens Energy SE", "siemens energy"),
        ("Spotify AB", "spotify"),
        ("Novo Nordisk A/S", "novo nordisk"),
        ("Lidl Stiftung & Co. KG", "lidl stiftung"),
        ("Tiny UG (haftungsbeschränkt)", "tiny"),
        ("  Acme   Labs  ", "acme labs"),
        ("Inc", "inc"),  # a name is never emptied
        ("Ltd Inc LLC", "ltd"),
        ("The Company", "the"),
        ("The", "the"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Acme", "ACME Inc."),
        ("Acme", "acme, inc"),
        ("Acme GmbH", "Acme AG"),  # one group's two legal forms read as one name
        ("Zürich Analytics", "Zurich Analytics AG"),
        ("Smith & Sons", "Smith and Sons Ltd"),
        ("J.P. Morgan", "JP Morgan"),
        ("Coca-Cola", "Coca Cola Company"),
        ("The New York Times Company", "New York Times"),
        ("Telefónica", "TELEFONICA S.A."),
        ("Procter & Gamble", "Procter+Gamble"),
        ("Ørsted A/S", "Orsted"),
        ("I\u015f\u0131k Yaz\u0131l\u0131m", "ISIK YAZILIM"),
        ("Łódź Labs Sp", "Lodz Labs Sp"),
    ],
)
def test_same_organisation(a: str, b: str) -> None:
    assert same_organisation(a, b)
    assert same_organisation(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Meta", "Metabase"),
        ("Meta", "Meta Platforms"),  # unless the user links them
        ("Acme", "Acme Robotics"),
        ("Acme Robotics", "Acme"),
        ("Acme", "Acme Robotics Inc."),
        ("Apple", "Pineapple"),
        ("Stripe", "Stripes Ltd"),
        ("Box", "Dropbox"),
        ("SAP", "SAP Concur"),
        ("Google", "Google Cloud"),
        ("Amazon", "Amazon Web Services"),
        ("Acme Inc", "Acme Corp Europe"),
        ("Smith & Co", "Smith"),  # "& Co" alone is part of the name
        ("Inc", "Acme Inc"),
        ("", ""),
        ("!!!", "???"),
        ("Acme", None),
        (None, None),
    ],
)
def test_different_organisations(a: str | None, b: str | None) -> None:
    assert not same_organisation(a, b)
    assert not same_organisation(b, a)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.acme.com/jobs", "acme.com"),
        ("acme.com", "acme.com"),
        ("http://Careers.Acme.com:8080/x", "acme.com"),
        ("https://jobs.eu.acme.com", "eu.acme.com"),
        ("https://acme.co.uk", "acme.co.uk"),
        ("https://www.linkedin.com/company/acme", None),  # a page on a shared host
        ("https://acme.github.io", None),
        ("https://boards.greenhouse.io/acme", None),
        ("https://jobs.lever.co/acme", None),
        ("localhost", None),
        ("https://", None),
        ("", None),
        (None, None),
        ("http://acme..com", None),
    ],
)
def test_host_of(url: str | None, host: str | None) -> None:
    assert host_of(url) == host


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("dana@Acme.com", "acme.com"),
        ("dana@eu.acme.com.", "eu.acme.com"),
        ("dana@gmail.com", None),
        ("dana@GoogleMail.com", None),
        ("dana@outlook.com", None),
        ("dana@greenhouse-mail.io", None),
        ("dana@localhost", None),
        ("dana", None),
        ("", None),
        (None, None),
        ("dana@acme..com", None),
    ],
)
def test_email_domain(email: str | None, domain: str | None) -> None:
    assert email_domain(email) == domain


@pytest.mark.parametrize(
    ("email", "website", "same"),
    [
        ("dana@acme.com", "https://www.acme.com", True),
        ("dana@eu.acme.com", "https://acme.com", True),
        ("dana@acme.com", "https://careers.acme.com/open-roles", True),
        ("dana@metabase.com", "https://meta.com", False),
        ("dana@notacme.com", "https://acme.com", False),
        ("dana@acme.com.evil.example", "https://acme.com", False),
        ("dana@acme.com", "https://acme.co", False),
        ("dana@acme.com", "https://eu.acme.com", False),  # a part of Acme is not all of it
        ("dana@gmail.com", "https://gmail.com", False),
        ("dana@acme.com", None, False),
        (None, "https://acme.com", False),
    ],
)
def test_same_domain(email: str | None, website: str | None, same: bool) -> None:
    assert same_domain(email, website) is same
    assert Organisation.of("Acme", website).mails(email) is same


def test_organisation_by_name_and_domain() -> None:
    acme = Organisation.of("ACME, Inc.", "https://www.acme.com")
    assert acme == Organisation("acme", "acme.com")
    assert acme.named("Acme")
    assert acme.named("acme inc")
    assert not acme.named("Acme Robotics")
    assert not acme.named(None)
    assert not acme.named("")
    assert not Organisation.of("!!!").named("???")
    assert not Organisation.of("Acme").mails("dana@acme.com")  # no website: no domain


# -- properties ----------------------------------------------------------------------------

names = st.text(min_size=0, max_size=40)
suffixes = st.sampled_from(LEGAL_SUFFIXES)
#: Company names as people write them: words of letters, digits and a little punctuation.
plain_names = st.lists(
    st.text(st.characters(categories=("L", "N")), min_size=1, max_size=10), min_size=1, max_size=4
).map(" ".join)


@given(names, names)
@example("Meta", "Metabase")
@example("Acme GmbH", "Acme")
def test_matching_is_symmetric(a: str, b: str) -> None:
    assert same_organisation(a, b) == same_organisation(b, a)


@given(names)
def test_a_name_is_itself_or_has_no_key(name: str) -> None:
    assert same_organisation(name, name) == bool(name_key(name))


@given(plain_names, suffixes, st.sampled_from([" ", ", ", " ,", "  "]))
@example("Acme", "GmbH & Co. KG", " ")
@example("Inc", "Inc.", " ")
@example("\u0131", "Inc", " ")  # dotless i
def test_a_name_matches_itself_with_any_suffix(name: str, suffix: str, sep: str) -> None:
    key = name_key(name)
    # A name that is nothing but legal words, or ends in "and" or one, is not a plain name.
    assume(key and key == " ".join(words(name)) and not key.endswith(" and"))
    assume(words(name)[0] != "the")
    assert same_organisation(name, f"{name}{sep}{suffix}")
    assert same_organisation(name.upper(), f"{name.lower()}{sep}{suffix}")


@given(plain_names, plain_names)
def test_a_longer_name_is_never_the_same(name: str, more: str) -> None:
    """Never a prefix: "Acme" + " Robotics" is another company unless the extra is a suffix."""
    longer = f"{name} {more}"
    assume(name_key(longer) == " ".join(words(longer)))  # nothing stripped
    assume(name_key(name) == " ".join(words(name)))
    assert not same_organisation(name, longer)


@given(names, st.text(max_size=30), st.text(max_size=30))
def test_domains_never_crash(name: str, email: str, website: str) -> None:
    org = Organisation.of(name, website)
    assert org.mails(email) == same_domain(email, website)
    assert isinstance(org.named(email), bool)
