"""``nextround journal add`` opens the editor on the prompts with "What did you talk about
with NAME?" for each interviewer; the answers become that person's topics."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.cli.runner import Nextround

#: An editor run as `EDITOR SEEN ANSWER FILE`: it keeps what it was shown in SEEN and
#: answers the question about Dana with ANSWER (click adds the file's name last).
EDITOR = """\
import pathlib, sys
seen, answer, path = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
shown = path.read_text(encoding="utf-8")
pathlib.Path(seen).write_text(shown, encoding="utf-8")
question = "## What did you talk about with Dana Smith?\\n"
path.write_text(shown.replace(question, question + answer + "\\n"), encoding="utf-8")
"""


def interviewed(nr: Nextround) -> Nextround:
    nr.ok("company", "add", "Acme Robotics")
    nr.ok("person", "add", "Dana Smith", "--company", "Acme Robotics")
    nr.ok("person", "add", "Lee Wong", "--company", "Acme Robotics")
    nr.ok("app", "add", "--company", "Acme Robotics", "--role", "Engineer")
    nr.ok(
        "interview", "add", "1", "--on", "2026-11-10", "--with", "Dana Smith", "--with", "Lee Wong"
    )
    return nr


def run_editor(nr: Nextround, tmp_path: Path, answer: str) -> tuple[int, str, str]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    seen = tmp_path / "seen.md"
    command = f"{sys.executable} {script} {seen} '{answer}'"
    result = nr.run("journal", "add", "1", EDITOR=command, VISUAL=command)
    return result.code, seen.read_text(encoding="utf-8"), result.err


def test_the_editor_asks_about_each_interviewer(nr_sqlite: Nextround, tmp_path: Path) -> None:
    nr = interviewed(nr_sqlite)
    code, shown, err = run_editor(nr, tmp_path, "- the robot fleet; on-call")
    assert code == 0, err
    assert "## What did you talk about with Dana Smith?" in shown
    assert "## What did you talk about with Lee Wong?" in shown
    [meeting] = nr.ok("interview", "list", "1", "--json").json()
    assert meeting["topics"] == {"1": ["the robot fleet", "on-call"]}


def test_a_paragraph_is_refused_in_one_line(nr_sqlite: Nextround, tmp_path: Path) -> None:
    nr = interviewed(nr_sqlite)
    code, _, err = run_editor(nr, tmp_path, "We talked for ages. It was lovely.")
    assert code == 1
    assert err.startswith("Error: what you talked about with Dana Smith reads as sentences")
    assert err.count("\n") == 1
    assert nr.ok("journal", "show", "1", "--json").json() == []


def test_editing_an_entry_asks_about_interviewers_it_has_no_question_for(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    nr = interviewed(nr_sqlite)
    nr.ok("journal", "add", "1", "--text", "## What went well\nThe system design part.")
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    seen = tmp_path / "seen.md"
    command = f"{sys.executable} {script} {seen} '- the robot fleet'"
    result = nr.run("journal", "edit", "1", EDITOR=command, VISUAL=command)
    assert result.code == 0, result.err
    shown = seen.read_text(encoding="utf-8")
    assert shown.startswith("## What went well\nThe system design part.")
    assert "## What did you talk about with Lee Wong?" in shown
    [meeting] = nr.ok("interview", "list", "1", "--json").json()
    assert meeting["topics"] == {"1": ["the robot fleet"]}
    [entry] = nr.ok("journal", "show", "1", "--json").json()
    assert "Lee Wong" not in entry["body"]  # left unanswered: not kept
