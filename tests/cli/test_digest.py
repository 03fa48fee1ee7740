"""`nextround watch interests` and `nextround digest` as a user runs them: a board and a
feed on loopback, and a real SMTP server on loopback for the emailed digest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.runner import Nextround
from tests.mail import Inbox, smtp_server
from tests.watch.boardserver import BoardServer, Reply, serving

JOBS = [
    {"id": 1, "title": "Designer", "location": {"name": "Berlin"}},
    {
        "id": 2,
        "title": "Senior Data Engineer (m/w/d)",
        "location": {"name": "München, Bayern"},
        "absolute_url": "https://boards.greenhouse.io/acme/jobs/2",
    },
]


@pytest.fixture
def board() -> Iterator[tuple[BoardServer, str]]:
    with serving() as running:
        yield running


def test_interests_are_shown_changed_and_refused_clearly(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite.created()
    assert "No interests saved yet" in nr.ok("watch", "interests").out
    shown = nr.ok(
        "watch",
        "interests",
        "--add-title",
        "data engineer",
        "--add-title",
        "analytics engineer",
        "--seniority",
        "senior",
        "--location",
        "Munchen, Remote",
        "--remote",
        "any",
    )
    assert shown.out.splitlines() == [
        "Titles: data engineer; analytics engineer",
        "Seniority: senior",
        "Locations: Munchen, Remote",
        "Remote: any",
    ]
    assert "[interests]" in nr.config.read_text()
    data = nr.ok("--json", "watch", "interests", "--remove-title", "Analytics  Engineer").json()
    assert data == {
        "titles": ["data engineer"],
        "seniority": ["senior"],
        "locations": ["Munchen", "Remote"],
        "remote": "any",
    }
    bad = nr.run("watch", "interests", "--remove-title", "tester")
    assert bad.code != 0 and "no saved title 'tester'" in bad.err
    assert len(bad.err.strip().splitlines()) == 1
    cleared = nr.ok("--json", "watch", "interests", "--clear").json()
    assert cleared == {"titles": [], "seniority": [], "locations": [], "remote": "any"}


def test_run_names_matching_roles_and_the_digest_tells_them_once(
    nr_sqlite: Nextround, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    nr = nr_sqlite.created()
    env = {"NEXTROUND_WATCH_GREENHOUSE_URL": base}
    nr.ok("watch", "interests", "--add-title", "data engineer", "--location", "München")
    nr.ok("company", "add", "Acme Robotics")
    nr.ok("watch", "add", "Acme Robotics", "--board", "https://boards.greenhouse.io/acme", **env)
    # Nothing due, nothing seen yet: the digest says nothing at all.
    quiet = nr.ok("digest")
    assert (quiet.out, quiet.err) == ("", "")
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": JOBS}))
    ran = nr.ok("watch", "run", **env)
    assert (
        "  Matches your interests: Senior Data Engineer (m/w/d) (München, Bayern) "
        "https://boards.greenhouse.io/acme/jobs/2" in ran.out
    )
    assert "Designer" not in ran.out
    data = nr.ok("--json", "digest", "--since", "2026-11-20").json()
    assert [p["title"] for p in data["matching"]] == ["Senior Data Engineer (m/w/d)"]
    assert data["emailed_to"] is None
    text = nr.ok("digest").out
    assert (
        "New roles matching your interests:\n- Senior Data Engineer (m/w/d) at Acme Robotics"
        in text
    )
    assert nr.ok("digest").out == ""  # told once


def test_the_digest_is_emailed_to_the_user_once(
    nr_sqlite: Nextround, board: tuple[BoardServer, str]
) -> None:
    server, base = board
    nr = nr_sqlite.created()
    env = {"NEXTROUND_WATCH_GREENHOUSE_URL": base}
    nr.ok("setup", "--name", "Sam Doe", "--email", "sam@home.example")
    nr.ok("watch", "interests", "--add-title", "data engineer")
    nr.ok("company", "add", "Acme Robotics")
    nr.ok("watch", "add", "Acme Robotics", "--board", "https://boards.greenhouse.io/acme", **env)
    server.route("/v1/boards/acme/jobs", Reply.json({"jobs": JOBS}))
    nr.ok("watch", "run", **env)
    no_server = nr.run("digest", "--email")
    assert no_server.code != 0 and "no SMTP server is set up" in no_server.err
    inbox = Inbox()
    with smtp_server(inbox) as running:
        smtp = {
            "NEXTROUND_SMTP_HOST": "127.0.0.1",
            "NEXTROUND_SMTP_PORT": str(running.port),
            "NEXTROUND_SMTP_SECURITY": "none",
        }
        sent = nr.ok("digest", "--email", **smtp)
        assert sent.out == "Digest emailed to sam@home.example.\n"
        again = nr.ok("digest", "--email", **smtp)
        assert again.out == ""
    [received] = inbox.messages
    assert received.rcpt_tos == ["sam@home.example"]
    message = received.message
    assert message["Subject"] == "Your nextround digest: 1 new role for you"
    body = message.get_content()
    assert "- Senior Data Engineer (m/w/d) at Acme Robotics, München, Bayern" in body
    assert "https://boards.greenhouse.io/acme/jobs/2" in body
