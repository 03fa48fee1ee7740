"""``nextround add "LINE"``: the preview, the prompt, --yes, options filling what the line
leaves out, and a line it cannot read refused with what to say instead."""

from __future__ import annotations

from tests.cli.runner import Nextround


def test_preview_and_confirm_then_save(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite
    declined = nr.run("add", "Dana Smith, recruiter at Initech", stdin="n\n")
    assert declined.code == 0
    assert "will add the company Initech" in declined.out
    assert "will add Dana Smith, recruiter" in declined.out
    assert nr.ok("company", "list", "--json").json() == []
    saved = nr.run("add", "Dana Smith, recruiter at Initech", stdin="y\n")
    assert saved.code == 0 and "Saved. Quick add: Dana Smith at Initech" in saved.out
    assert [c["name"] for c in nr.ok("company", "list", "--json").json()] == ["Initech"]


def test_yes_with_options_and_json(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite
    refused = nr.run("add", "Dana Smith, Acme Robotics, interview Tuesday", "--yes")
    assert refused.code != 0
    assert "Which role at Acme Robotics is the interview for?" in refused.err
    assert "--role" in refused.err
    done = nr.ok(
        "add", "Dana Smith, Acme Robotics, interview Tuesday", "--role", "SRE", "--yes", "--json"
    ).json()
    assert done["preview"]["interview_on"] == "2026-12-01"
    assert done["saved"]["interview_id"] == 1
    shown = nr.ok("interview", "show", "1", "--json").json()
    assert shown["people"][0]["name"] == "Dana Smith"
    undone = nr.ok("undo")
    assert "Quick add" in undone.out
    assert nr.ok("company", "list", "--json").json() == []


def test_an_unreadable_day_is_never_dropped(nr_sqlite: Nextround) -> None:
    result = nr_sqlite.run("add", "Acme Inc, interview someday", "--role", "SRE", "--yes")
    assert result.code != 0
    assert "not a day I can read" in result.err
    bad = nr_sqlite.run("add", "Acme Inc", "--on", "Tuesday", "--yes")
    assert bad.code != 0 and "--on 'Tuesday' is not a date" in bad.err
