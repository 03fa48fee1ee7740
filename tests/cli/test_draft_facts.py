"""What drafts are written from, set on the command line: ``person edit --part``,
``interview edit --topic`` and ``task redraft``."""

from __future__ import annotations

import pytest

from tests.cli.runner import Nextround
from tests.cli.scenarios import interviewed_at_acme


@pytest.fixture
def search(nr_sqlite: Nextround) -> Nextround:
    return interviewed_at_acme(nr_sqlite)


def test_a_part_is_set_shown_and_cleared(search: Nextround) -> None:
    search.ok("person", "edit", "Dana", "--title", "Talent Partner")
    assert "part: recruiter (from the title)" in search.ok("person", "show", "Dana").out
    search.ok("person", "edit", "Dana", "--part", "hiring-manager")
    shown = search.ok("person", "show", "Dana", "--json").json()["person"]
    assert (shown["part"], shown["plays"]) == ("hiring_manager", "hiring_manager")
    search.ok("person", "edit", "Dana", "--part", "")
    assert search.ok("person", "show", "Dana", "--json").json()["person"]["part"] is None
    refused = search.run("person", "edit", "Dana", "--part", "boss")
    assert refused.code != 0 and "not one of: recruiter, hiring_manager" in refused.err


def test_topics_go_on_the_interview_and_into_the_card(search: Nextround) -> None:
    search.ok(
        "interview", "edit", "1", "--topic", "Dana=the robot fleet's telemetry",
        "--topic", "Dana Smith=on-call",
    )  # fmt: skip
    shown = search.ok("interview", "show", "1").out
    assert "talked with Dana about: the robot fleet's telemetry; on-call" in shown
    search.ok("reject", "1", "--on", "2026-11-20")
    card = search.ok("task", "show", "2").out
    assert "the robot fleet's telemetry" in card
    search.ok("interview", "edit", "1", "--topic", "Dana=")
    assert "telemetry" not in search.ok("task", "show", "2").out
    stranger = search.run("interview", "edit", "1", "--topic", "Lee Wong=the weather")
    assert stranger.code != 0 and "Lee Wong did not sit in this interview" in stranger.err
    long = search.run("interview", "edit", "1", "--topic", "Dana=" + "word " * 20)
    assert long.code != 0 and "a topic is a few words" in long.err
    assert search.run("interview", "edit", "1", "--topic", "no equals sign").code != 0


def test_redraft_words_a_draft_another_way_but_never_an_edited_one(search: Nextround) -> None:
    search.ok("reject", "1", "--on", "2026-11-20")
    before = search.ok("task", "show", "2").out
    after = search.ok("task", "redraft", "2").out
    assert after != before and "Dear Dana," in after
    assert search.ok("task", "show", "2").out == after  # kept: the same wording until asked again
    search.ok("task", "edit", "2", "--text", "Dear Dana, my own words.")
    refused = search.run("task", "redraft", "2")
    assert refused.code != 0 and "your own edit" in refused.err
    assert "my own words" in search.ok("task", "show", "2").out


def test_the_kind_of_interview_is_recorded_and_named_in_drafts(search: Nextround) -> None:
    added = search.ok(
        "interview", "add", "1", "--on", "2026-11-12", "--with", "Dana", "--kind", "technical"
    )
    assert added.out.startswith("Recorded the technical video interview on 2026-11-12")
    assert ", video technical (planned)" in search.ok("interview", "show", "2").out
    search.ok("reject", "1", "--on", "2026-11-20")
    card = search.ok("task", "show", "2").out
    assert "technical interview" in card or "Dear Dana," in card
    search.ok("interview", "edit", "2", "--kind", "")
    assert search.ok("interview", "show", "2", "--json").json()["interview"]["kind"] is None
    refused = search.run("interview", "edit", "2", "--kind", "coffee")
    assert refused.code != 0 and "unknown interview kind 'coffee'" in refused.err
