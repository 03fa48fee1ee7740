"""``nextround setup`` and ``init`` as a user runs them: flags, questions at a real terminal
(a pseudo-terminal), and the refusal to print a card or send an email without a name."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import tomllib
from pathlib import Path

from tests.cli.runner import SCRIPT, Nextround


def saved(nr: Nextround) -> dict[str, object]:
    return tomllib.loads(nr.config.read_text(encoding="utf-8"))


def at_a_terminal(nr: Nextround, *args: str, answers: str) -> str:
    """Run ``nextround ARGS`` with a pseudo-terminal as its stdin and stdout, typing
    ``answers``; what it printed (the typing echoed) is returned."""
    main, side = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPT), *args], stdin=side, stdout=side, stderr=side, env=nr.env(), close_fds=True
    )
    os.close(side)
    os.write(main, answers.encode())
    seen = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        assert ready, f"nextround {' '.join(args)} stopped answering: {seen.decode()}"
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=30) == 0, seen.decode()
    os.close(main)
    return seen.decode().replace("\r\n", "\n")


def test_setup_by_flags_asks_nothing_and_saves_each(nr_sqlite: Nextround) -> None:
    done = nr_sqlite.ok(
        "setup",
        "--name",
        "Zoë Ng",
        "--signature",
        "Zoë\\nzoe.example",
        "--address",
        "2 Elm Row\\nSpringfield",
        "--language",
        "DE",
    )
    assert done.out == f"Saved to {nr_sqlite.config}. Drafts are now from Zoë Ng, in Deutsch.\n"
    assert saved(nr_sqlite) == {
        "user": {
            "name": "Zoë Ng",
            "signature": "Zoë\nzoe.example",
            "address": "2 Elm Row\nSpringfield",
        },
        "drafts": {"language": "de"},
    }
    # One flag changes one setting, and keeps the others.
    nr_sqlite.ok("setup", "--language", "es")
    assert saved(nr_sqlite)["drafts"] == {"language": "es"}
    assert saved(nr_sqlite)["user"] == {
        "name": "Zoë Ng",
        "signature": "Zoë\nzoe.example",
        "address": "2 Elm Row\nSpringfield",
    }


def test_setup_refuses_a_language_it_cannot_write(nr_sqlite: Nextround) -> None:
    refused = nr_sqlite.run("setup", "--language", "it")
    assert refused.code == 2
    assert "'it' is not one of 'en', 'de', 'fr', 'es'" in refused.err
    assert not nr_sqlite.config.exists()


def test_setup_without_flags_and_no_terminal_says_what_to_give(nr_sqlite: Nextround) -> None:
    refused = nr_sqlite.run("setup")
    assert refused.code == 2
    assert "give at least one of --name, --email, --signature, --address, --language" in refused.err


def test_init_at_a_terminal_asks_who_you_are(tmp_path: Path) -> None:
    nr = Nextround(tmp_path, str(tmp_path / "new.db"))
    typed = "Sam Rivera\nsam@home.example\nSam\n12 Elm Road\nSpringfield\n\nfr\n"
    shown = at_a_terminal(nr, "init", answers=typed)
    assert "Your database is ready" in shown
    for question in (
        "Your name, as you sign a card",
        "How you sign an email",
        "one line at a time; an empty line ends it",
        "The language of your drafts (en English, de Deutsch, fr Français, es Español) [en]",
    ):
        assert question in shown
    assert "Drafts are now from Sam Rivera, in Français." in shown
    assert saved(nr) == {
        "user": {
            "name": "Sam Rivera",
            "email": "sam@home.example",
            "signature": "Sam",
            "address": "12 Elm Road\nSpringfield",
        },
        "drafts": {"language": "fr"},
    }
    # Asked again, Enter keeps each answer, the address included.
    again = at_a_terminal(nr, "setup", "--language", "en", answers="\n\n\n\n")
    assert "12 Elm Road" in again and "The language of your drafts" not in again
    assert saved(nr)["user"] == {
        "name": "Sam Rivera",
        "email": "sam@home.example",
        "signature": "Sam",
        "address": "12 Elm Road\nSpringfield",
    }
    assert saved(nr)["drafts"] == {"language": "en"}


def test_init_with_no_setup_or_no_terminal_asks_nothing(tmp_path: Path) -> None:
    nr = Nextround(tmp_path, str(tmp_path / "new.db"))
    shown = at_a_terminal(nr, "init", "--no-setup", answers="")
    assert "Your name" not in shown and "nextround setup --name" in shown
    other = Nextround(tmp_path, str(tmp_path / "other.db"))
    piped = other.ok("init")
    assert "nextround setup --name" in piped.out
    assert not nr.config.exists()


def test_a_card_or_an_email_without_a_name_is_refused_in_one_line(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    nr_sqlite.ok("company", "add", "Acme Robotics", "--address", "1 Main St, Springfield")
    nr_sqlite.ok(
        "person", "add", "Dana Smith", "--company", "Acme Robotics", "--email", "d@a.example"
    )
    nr_sqlite.ok(
        "app", "add", "--company", "Acme Robotics", "--role", "Engineer", "--applied", "2026-10-01"
    )
    nr_sqlite.ok("interview", "add", "1", "--on", "2026-11-10", "--with", "Dana Smith")
    nr_sqlite.ok("reject", "1", "--on", "2026-11-20")
    found = {t["kind"]: str(t["id"]) for t in nr_sqlite.ok("tasks", "--json").json()}
    hint = 'set it with `nextround setup --name "Your Name"`'
    card = nr_sqlite.run("card", found["thank_you_card"], "-o", str(tmp_path / "c.pdf"))
    assert (card.code, card.err) == (
        1,
        f"Error: printing a card needs your name to sign with, and none is set yet; {hint}\n",
    )
    assert not (tmp_path / "c.pdf").exists()
    email = nr_sqlite.run("email", "send", found["congrats_email"], NEXTROUND_SMTP_HOST="127.0.0.1")
    assert (email.code, email.err) == (
        1,
        f"Error: sending an email needs your name to sign with, and none is set yet; {hint}\n",
    )
    assert "[your name]" in nr_sqlite.ok("task", "show", found["thank_you_card"]).out
    nr_sqlite.ok("setup", "--name", "Sam Rivera")
    nr_sqlite.ok("card", found["thank_you_card"], "-o", str(tmp_path / "c.pdf"))
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
