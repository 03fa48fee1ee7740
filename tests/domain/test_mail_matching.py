"""Tying job mail to a company and an application: never by sender alone."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import Application, Status
from nextround.domain.mail_matching import (
    KnownCompany,
    KnownPerson,
    Letter,
    company_domain,
    guess_company,
    match,
    website_domain,
)

COMPANIES = [
    KnownCompany(1, "Acme Robotics", "https://www.acmerobotics.com"),
    KnownCompany(2, "Acme", None),
    KnownCompany(3, "Zürich Analytics AG", "zurich-analytics.ch"),
    KnownCompany(4, "Northwind", "https://northwind.example/careers"),
]
APPS = [
    Application(10, 1, "Robotics Engineer", Status.INTERVIEWING, applied_on=date(2026, 9, 1)),
    Application(
        11,
        1,
        "Data Engineer",
        Status.APPLIED,
        applied_on=date(2026, 10, 1),
        requisition_id="R-2291",
    ),
    Application(12, 3, "Analyst", Status.APPLIED),
    Application(13, 4, "Designer", Status.REJECTED, applied_on=date(2026, 1, 5)),
    Application(14, 4, "Senior Designer", Status.APPLIED, applied_on=date(2026, 8, 5)),
]
PEOPLE = [KnownPerson(100, 4, "Mia.Lind@northwind.example")]


def letter(sender: str, name: str = "", subject: str = "", text: str = "") -> Letter:
    return Letter(sender, name, subject, text)


@pytest.mark.parametrize(
    ("given", "company", "app"),
    [
        # A known person's address beats everything.
        (letter("mia.lind@northwind.example", text="Thanks for your note"), 4, 14),
        # The company's own domain behind a talent. subdomain; the requisition picks the app.
        (letter("no-reply@talent.acmerobotics.com", subject="Req R-2291 update"), 1, 11),
        # An ATS domain says nothing; the name in the display name does.
        # (two open applications there, none named: the most recent, flagged to check)
        (
            letter("no-reply@greenhouse-mail.io", "Acme Robotics Hiring Team", "Your application"),
            1,
            11,
        ),
        # The role title picks the application at a company with several.
        (
            letter(
                "jobs@hire.lever.co", "", "Update", "about the Data Engineer role at Acme Robotics"
            ),
            1,
            11,
        ),
        # Accents folded; "AG" dropped: "Zurich Analytics" is named in the body.
        (letter("x@myworkday.com", "", "Your application", "Regards, ZURICH ANALYTICS"), 3, 12),
        # The longest name wins: "Acme Robotics" over "Acme".
        (letter("a@b.example", "", "", "Your Robotics Engineer interview at Acme Robotics"), 1, 10),
        (letter("a@b.example", "", "", "Thank you for applying to Acme."), 2, None),
        # With no role or requisition named, the one open application there.
        (letter("careers@northwind.example", text="Thank you for your interest"), 4, 14),
    ],
)
def test_match(given: Letter, company: int, app: int | None) -> None:
    found = match(given, COMPANIES, APPS, PEOPLE)
    assert (found.company_id, found.application_id) == (company, app)
    assert found.reasons


@pytest.mark.parametrize("order", [1, -1], ids=["longest-listed-first", "shortest-listed-first"])
@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Your Robotics Engineer interview at Acme Robotics", 1),
        ("ACME ROBOTICS: your application", 1),
        ("Thank you for applying to Acme.", 2),
    ],
)
def test_the_longest_name_named_wins_in_any_order(order: int, text: str, company: int) -> None:
    """ "Acme" is inside "Acme Robotics": whichever the companies' order, the longer name wins."""
    companies = [c for c in COMPANIES if c.id in {1, 2}][::order]
    assert companies[0].name == ("Acme Robotics" if order == 1 else "Acme")
    found = match(letter("a@b.example", "", "", text), companies, APPS, PEOPLE)
    assert found.company_id == company
    name = {1: "Acme Robotics", 2: "Acme"}[company]
    assert found.reasons[0] == f"{name} named in the message"


def test_a_company_name_inside_a_word_does_not_match() -> None:
    found = match(
        letter("x@y.example", "", "", "The Acmeville team says hi"), COMPANIES, APPS, PEOPLE
    )
    assert found.company_id is None


def test_unmatched_job_mail_names_a_guess_for_a_new_application() -> None:
    found = match(letter("no-reply@talent.globex.com", "Globex Talent"), COMPANIES, APPS, PEOPLE)
    assert found.company_id is None
    assert found.guessed_company == "Globex"


@pytest.mark.parametrize(
    ("sender", "name", "guess"),
    [
        ("notifications@initech.wd5.myworkday.com", "", "Initech"),
        ("no-reply@greenhouse-mail.io", "Hooli Recruiting", "Hooli"),
        ("no-reply@greenhouse-mail.io", "Acme Robotics Hiring Team", "Acme Robotics"),
        ("jobs@careers.umbrella-corp.com", "", "Umbrella Corp"),
        ("x@hire.lever.co", "", None),
        # The tracking system's own name: the employer is in the subject, if anywhere.
        ("no-reply@greenhouse.io", "Greenhouse", None),
    ],
)
def test_guess_company(sender: str, name: str, guess: str | None) -> None:
    assert guess_company(letter(sender, name)) == guess


@pytest.mark.parametrize(
    ("sender", "name", "subject", "guess"),
    [
        ("no-reply@greenhouse.io", "Greenhouse", "Thank you for applying to Hooli", "Hooli"),
        ("x@hire.lever.co", "Lever", "Your application at Pied Piper - Engineer", "Pied Piper"),
        ("x@hire.lever.co", "", "Your interview at Initech Corp!", "Initech Corp"),
        # "with" and "from" name people and days as often as employers.
        ("x@hire.lever.co", "Lever", "Interview with Jane Doe - Hooli", None),
        # A webmail is no tracking system: its subjects name lunches and weekdays.
        ("pat@gmail.com", "", "Following up from Monday", None),
        ("pat@gmail.com", "", "Catch-up at Starbucks!", None),
        # An employer whose name a tracking system's name contains is still itself.
        ("no-reply@greenhouse.io", "Green", "Your application to Green", "Green"),
        ("x@hire.lever.co", "", "Thank you for applying", None),
        ("x@hire.lever.co", "", "Welcome to the next step", None),
        # A company's own name beats the subject.
        ("no-reply@greenhouse.io", "Hooli Recruiting", "Update from Greenhouse", "Hooli"),
    ],
)
def test_an_ats_senders_employer_is_read_from_the_subject(
    sender: str, name: str, subject: str, guess: str | None
) -> None:
    assert guess_company(letter(sender, name, subject)) == guess


def test_domains() -> None:
    assert company_domain("mail.talent.acme.com") == "acme.com"
    assert company_domain("acme.com") == "acme.com"
    assert website_domain("https://www.Acme.com:443/jobs") == "acme.com"
    assert website_domain("not a url") is None


def test_a_domain_spelling_a_company_without_a_website_finds_it() -> None:
    companies = [KnownCompany(7, "Hooli Labs GmbH", None), KnownCompany(8, "Initech", None)]
    found = match(letter("careers@hoolilabs.de", "Hooli"), companies, [], [])
    assert (found.company_id, found.reasons[0]) == (
        7,
        "sent from hoolilabs.de, named as Hooli Labs GmbH is",
    )
    assert match(letter("jobs@talent.initech.io", ""), companies, [], []).company_id == 8
    # A part of a name, or a webmail address, is not enough.
    assert match(letter("x@hooli.de", ""), companies, [], []).company_id is None
    assert match(letter("initech@gmail.com", ""), companies, [], []).company_id is None
