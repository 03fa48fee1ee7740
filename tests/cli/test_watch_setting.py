"""`[watch] after_rejection = true`: `nextround reject` watches the company without --watch."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import Nextround


def test_reject_watches_when_the_setting_is_on(nr_sqlite: Nextround) -> None:
    nr = nr_sqlite
    link = "https://boards.greenhouse.io/acme/jobs/1"
    nr.ok("app", "add", "--company", "Acme", "--role", "Engineer", "--applied", "2026-10-01")
    nr.ok("app", "edit", "1", "--url", link)
    config = Path(nr.env()["NEXTROUND_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    before = config.read_text() if config.exists() else ""
    config.write_text(before + "\n[watch]\nafter_rejection = true\n")
    out = nr.ok("reject", "1", "--on", "2026-11-20").out
    assert "Watching Acme's greenhouse board" in out
    assert "Acme" in nr.ok("watch", "list").out
    again = nr.ok("--json", "reject", "1").json()
    assert "watch_note" not in again  # recorded again: nothing new to say
    config.write_text(before + "\n[watch]\nafter_rejection = 1\n")
    refused = nr.run("watch", "list")
    assert refused.code != 0 and "watch.after_rejection must be true or false" in refused.err
