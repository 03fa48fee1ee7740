"""``nextround brief`` through the real command: stdout, files, JSON, and bad input.

The golden file is rewritten with ``NEXTROUND_UPDATE_GOLDEN=1``; review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.cli.files import write_atomically
from nextround.errors import InvalidInput
from tests.cli.runner import Nextround
from tests.cli.scenarios import record_acme
from tests.goldens import update_requested

GOLDEN = Path(__file__).parent.parent / "golden" / "briefings"

JOURNAL = """\
## Who I met
- Dana Smith: runs the platform team; asked sharp questions.
## Questions they asked
- Design a rate limiter for a public API.
- Tell us about an outage you handled.
## What went well
The pairing exercise felt like real work.
## What I would do differently
Ask about the on-call rota earlier.
## Thank-you details
- Dana: the tour of the robot lab
"""


def fixed_scenario(nr: Nextround) -> None:
    """Acme: one application, one interview with two people, a journal entry, a rejection."""
    record_acme(
        nr,
        company=("--careers", "acme.example/jobs"),
        dana=(
            "--title", "Engineering Manager",
            "--notes", "Mentors new managers; likes *concrete* numbers.",
        ),
        lee=("--title", "Staff Engineer"),
        interview=("--format", "onsite"),
    )  # fmt: skip
    nr.ok("--today", "2026-11-11", "journal", "add", "1", "--text", JOURNAL, "--interview", "1")
    nr.ok("--today", "2026-11-20", "reject", "1")
    nr.ok("--today", "2026-11-22", "task", "done", "2")


def test_golden_markdown_for_a_fixed_day(nr_sqlite: Nextround) -> None:
    fixed_scenario(nr_sqlite)
    text = nr_sqlite.ok("--today", "2026-11-25", "brief", "acme").out
    golden = GOLDEN / "acme.md"
    if update_requested():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_demo_briefing_on_stdout_in_files_and_as_json(nr: Nextround, tmp_path: Path) -> None:
    nr.ok("demo")
    text = nr.ok("brief", "Lumenfield Analytics").out
    assert text.startswith("# Lumenfield Analytics: what to expect next time\n")
    for part in (
        "said no to Senior Data Engineer on 2026-11-23",
        "Onsite interview for Senior Data Engineer, with Priya Raman and Tomás Okafor",
        "### Priya Raman\n\nEngineering Manager, Data Platform · met 2026-11-13",
        "**Questions they asked**\n\n- Ingest late events from 40 customers",
        "## Open follow-ups",
        "- LinkedIn: <https://www.linkedin.com/company/lumenfield-analytics>",
    ):
        assert part in text
    written = nr.ok("brief", "Lumenfield Analytics", "-o", str(tmp_path / "brief.md"))
    assert written.out == f"Wrote the Lumenfield Analytics briefing to {tmp_path / 'brief.md'}.\n"
    assert (tmp_path / "brief.md").read_text(encoding="utf-8") == text
    nr.ok("brief", "lumenfield", "-o", str(tmp_path / "brief.html"))
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "<h1>Lumenfield Analytics: what to expect next time</h1>" in page
    assert "<li>Ingest late events from 40 customers" in page
    data = nr.ok("brief", "Lumenfield Analytics", "--json").json()
    assert data["company"]["name"] == "Lumenfield Analytics"
    assert [e["kind"] for e in data["timeline"]] == [
        "applied",
        "interview",
        "interview",
        "rejected",
    ]
    assert {p["person"]["name"]: p["connect_state"] for p in data["people"]}["Jonas Whitfield"] == (
        "waiting for a reply"
    )
    assert data["journal"][0]["notes"][0]["highlights"][0]["heading"] == "Questions they asked"
    assert all(t["status"] == "open" for t in data["follow_ups"])


def test_demo_briefings_read_well_for_every_company(demo: Nextround) -> None:
    for name in ("Oakridge Ledger", "Redwick & Vale", "Kitefern Learning", "Nimbus Orchard"):
        text = demo.ok("brief", name).out
        assert text.startswith(f"# {name}: what to expect next time\n\n")
    oakridge = demo.ok("brief", "Oakridge").out
    assert (
        "Next up: your phone interview for Staff Data Engineer on 2026-11-27 at 15:30." in oakridge
    )
    assert "Recruiter · met 2026-05-04, 2026-05-11 · meeting again 2026-11-27" in oakridge


def test_a_company_with_no_history_gets_a_short_friendly_briefing(nr_sqlite: Nextround) -> None:
    nr_sqlite.ok("company", "add", "Initech")
    result = nr_sqlite.ok("brief", "Initech")
    assert "Nothing with Initech yet: a clean slate." in result.out
    assert "No one recorded here yet." in result.out
    assert result.err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("brief", "Umbrella"), "Error: no company named 'Umbrella'."),
        (("brief", "Acme"), "Error: company 'Acme' matches 2:"),
        (
            ("brief", "Acme Robotics", "-o", "{out}/brief.pdf"),
            "name the file .md (Markdown) or .html",
        ),
        (("brief", "Acme Robotics", "-o", "{out}/brief"), "can't write a briefing to brief:"),
        (
            ("brief", "Acme Robotics", "-o", "{out}/no/brief.md"),
            "the folder {out}/no does not exist",
        ),
        (("brief", "Acme Robotics", "-o", "{out}/a.md", "--json"), "--json prints to the terminal"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    nr_sqlite: Nextround, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    nr_sqlite.ok("company", "add", "Acme Robotics")
    nr_sqlite.ok("company", "add", "Acme Logistics")
    out = tmp_path / "out"
    out.mkdir()
    before = sorted(out.iterdir())
    result = nr_sqlite.run(*[a.format(out=out) for a in args])
    assert result.code != 0
    assert message.format(out=out) in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert result.out == ""
    assert sorted(out.iterdir()) == before


def test_an_output_path_that_is_a_folder(nr_sqlite: Nextround, tmp_path: Path) -> None:
    nr_sqlite.ok("company", "add", "Acme Robotics")
    (tmp_path / "notes.md").mkdir()
    result = nr_sqlite.run("brief", "Acme Robotics", "-o", str(tmp_path / "notes.md"))
    assert result.code == 1
    assert result.err == f"Error: {tmp_path / 'notes.md'} is a folder; give a file name such as {tmp_path / 'notes.md' / 'brief.md'}\n"  # fmt: skip


def test_writing_replaces_the_file_whole_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_failed_write_keeps_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_text("keep", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is a folder"):
        write_atomically(target, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert (target / "inside").read_text(encoding="utf-8") == "keep"
