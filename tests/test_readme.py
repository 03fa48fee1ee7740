"""The README runs as written: every command example, in the order shown, on a new install.

Each ``sh`` block of README.md is read line by line; every ``nextround`` command
runs through the installed console script in a fresh home folder (its own
database, config and mailbox), with a real SMTP server on loopback for the
email it sends. A command that fails, or a line that isn't a command this test
knows how to run, fails the test: the README can't drift from the program.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.mail import smtp_server

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).with_name("nextround")
#: What `journal add` and `journal edit` get from the editor: a line about Dana.
EDITOR = '#!/bin/sh\nprintf "\\n## Who I met\\nDana: the tour of the robot lab\\n" >> "$1"\n'


def commands(readme: str) -> list[list[str]]:
    """Every command line of the ``sh`` blocks, continuations joined, comments dropped."""
    found, block, inside = [], [], False
    for line in readme.splitlines():
        if line.startswith("```"):
            if inside:
                found += _lines(block)
            inside, block = line.strip() == "```sh", []
        elif inside:
            block.append(line)
    return found


def _lines(block: list[str]) -> list[list[str]]:
    text = "\n".join(block).replace("\\\n", " ")
    return [words for raw in text.splitlines() if (words := shlex.split(raw, comments=True))]


def test_every_readme_command_runs_in_order(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Mail").mkdir(parents=True)
    shutil.copyfile(ROOT / "tests" / "readme" / "inbox.mbox", home / "Mail" / "inbox.mbox")
    for name in ("contacts.vcf", "google.csv", "tracker.csv", "Connections.csv"):  # imports
        shutil.copyfile(ROOT / "tests" / "readme" / name, home / name)
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR)
    editor.chmod(0o755)
    ran = []
    with smtp_server() as smtp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
        env.update(
            HOME=str(home),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_CONFIG_HOME=str(home / ".config"),
            EDITOR=str(editor),
            NEXTROUND_TODAY="2026-11-25",
            NEXTROUND_SMTP_HOST="127.0.0.1",
            NEXTROUND_SMTP_PORT=str(smtp.port),
            NEXTROUND_SMTP_SECURITY="none",
        )
        for words in commands((ROOT / "README.md").read_text()):
            if words[0] == "make":  # the set-up commands: `make test` runs this very test
                continue
            assert words[0] in {"nextround", ".venv/bin/nextround"}, f"not a command: {words}"
            done = subprocess.run(
                [str(SCRIPT), *(w.replace("~", str(home), 1) if w.startswith("~/") else w for w in words[1:])],
                cwd=home, env=env, capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            assert done.returncode == 0, f"{shlex.join(words)} failed:\n{done.stderr}{done.stdout}"
            ran.append((shlex.join(words), done.stdout))
        assert len(smtp.inbox.messages) == 1  # `email send 3`, and only once
    outputs = dict(ran)
    # What the README's comments promise about the ids it shows.
    assert (
        outputs[
            "nextround app add --company 'Acme Robotics' --role 'Backend Engineer' --applied 2026-10-01"
        ]
        == "1\n"
    )
    assert outputs["nextround task show 14"].startswith(
        "#14  Send Dana Smith a LinkedIn invitation"
    )
    assert outputs["nextround mail confirm 1"].startswith("Confirmed #1 (rejection) for Initech")
    assert outputs["nextround undo"] == "Undone: Deleted Lee Wong.\n"
    # The imports: Dana is matched, not added again; the second tracker import changes nothing.
    assert (
        "): 2 created, 0 matched, 1 updated, 1 skipped."
        in outputs["nextround import google google.csv"]
    )
    assert "): 0 created, " in outputs["nextround import csv tracker.csv --mapping old-tracker"]
    assert outputs["nextround trash restore 28"] == "Restored: Initech.\n"
    assert outputs["nextround --db demo.db task done 12"].startswith(
        "Done: #12 Write a thank-you card"
    )
