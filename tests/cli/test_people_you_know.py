"""`company show` and `watch run` name the people the user knows at a company."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from tests.cli.runner import Nextround
from tests.watch.boardserver import BoardServer, Reply, serving


def imported(nr: Nextround, name: str, organisation: str, connected_on: str | None) -> None:
    """A contact as a LinkedIn import leaves one: no company record, the organisation as given."""
    with sqlite3.connect(nr.db) as db:
        person = db.execute(
            "INSERT INTO people (owner_id, name, organisation, source) VALUES (1, ?, ?, 'linkedin')",
            (name, organisation),
        ).lastrowid
        db.execute(
            "INSERT INTO relationships (owner_id, person_id, connected_on) VALUES (1, ?, ?)",
            (person, connected_on),
        )
    db.close()


def test_company_show_lists_everyone_known_there(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite
    nr.ok("company", "add", "Acme Robotics", "--website", "https://acme.example")
    nr.ok("person", "add", "Dana Smith", "--company", "Acme Robotics", "--title", "CTO")
    imported(nr, "Fox Mulder", "ACME Robotics, Inc.", "2026-02-08")
    imported(nr, "Not Here", "Acme Robotics Labs", None)

    text = nr.ok("company", "show", "Acme Robotics").out
    assert "People you know here (2)" in text
    assert "  Dana Smith (id 1), CTO: you met them there\n" in text
    assert (
        "  Fox Mulder (id 2): LinkedIn connection since 8 Feb 2026; last in touch 2026-02-08\n"
        in text
    )
    assert "Not Here" not in text

    shown = nr.ok("company", "show", "Acme Robotics", "--json").json()
    assert [p["name"] for p in shown["people"]] == ["Dana Smith"]  # linked to the record
    known = shown["people_you_know"]
    assert [(p["name"], p["why"]) for p in known["people"]] == [
        ("Fox Mulder", "name"),
        ("Dana Smith", "linked"),
    ]
    assert known["summary"].startswith("You know 2 people at Acme Robotics: Fox Mulder (")


def test_company_show_with_no_one_known_has_no_section(nr_sqlite: Nextround) -> None:
    nr_sqlite.ok("company", "add", "Initech")
    assert "People you know" not in nr_sqlite.ok("company", "show", "Initech").out
    known = nr_sqlite.ok("company", "show", "Initech", "--json").json()["people_you_know"]
    assert known == {"company_id": 1, "company": "Initech", "people": [], "summary": ""}


@pytest.fixture
def board() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def test_watch_run_names_them_on_a_new_role(
    nr_sqlite: Nextround, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    nr = nr_sqlite
    env = {"NEXTROUND_WATCH_GREENHOUSE_URL": base}
    nr.ok("company", "add", "Acme Robotics")
    imported(nr, "Fox Mulder", "Acme Robotics GmbH", "2026-02-08")
    nr.ok("watch", "add", "Acme Robotics", "--board", "https://boards.greenhouse.io/acme", **env)
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": [{"id": 1, "title": "Designer"}]}))
    text = nr.ok("watch", "run", **env).out
    assert (
        "  You know 1 person at Acme Robotics: Fox Mulder (LinkedIn connection since 8 Feb 2026).\n"
        in text
    )
    again = nr.ok("--json", "watch", "run", **env).json()
    assert again["boards"][0]["people_you_know"] is None  # nothing new: nothing said
