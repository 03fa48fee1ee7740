"""``nextround calendar``: the golden file, a real calendar program (khal), and bad paths.

Also home to what the vCard tests share: the golden job search, golden-file
comparison, and the rule for external programs (skipped locally with an
install hint, a failure under ``CI=true``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import icalendar
import pytest

from nextround.config import Settings
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import Format, NewInterview
from nextround.domain.people import NewPerson
from nextround.domain.tasks import Kind
from nextround.services import applications, companies, interviews, people, tasks
from nextround.services.context import Context, open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.goldens import UPDATE_GOLDEN, update_requested
from tests.pg_fixtures import in_ci

GOLDEN = Path(__file__).parents[1] / "golden"
#: Draft templates for the golden search: the golden files follow nextround's
#: formats, not the wording of the built-in drafts.
TEMPLATES = GOLDEN / "calendar" / "templates"
#: Stored change times, pinned: the database sets them from the clock.
PLANNED_AT = datetime(2026, 11, 20, 18, 0, 0)
CHANGED_AT = datetime(2026, 11, 25, 8, 41, 7)
#: What the golden search's calendar holds.
EVENTS = 11
FOLLOWED = "Find Acme Robotics, Inc.'s social accounts and news, then follow them"


@dataclass(frozen=True)
class GoldenSearch:
    acme_app: int
    lee_card: int
    check_back: int


def build_golden_search(ctx: Context) -> GoldenSearch:
    """Two companies with awkward names, people with accents and CJK names, a rejection
    with its plan, interviews with and without a time, a task done and one snoozed."""
    assert ctx.settings.templates_dir is not None
    shutil.copytree(TEMPLATES, ctx.settings.templates_dir, dirs_exist_ok=True)
    acme_co = companies.add_company(
        ctx, NewCompany("Acme Robotics, Inc.", website="acme.example")
    ).id
    design_co = companies.add_company(ctx, NewCompany("Ünterberg & Søn; Design")).id
    zoe = people.add_person(
        ctx,
        NewPerson(
            "Dr. Zoë Ng-Ålesund",
            acme_co,
            title="Head, Platform; EU",
            email="zoe@acme.example",
            linkedin_url="https://www.linkedin.com/in/zo%C3%AB-ng",
            address="Dr. Zoë Ng-Ålesund\nAcme Robotics, Inc.\n1 Dock Road, Floor 2\nSpringfield",
            notes="Asked about queues; loves sailing,\nand long walks.",
        ),
    ).id
    lee = people.add_person(ctx, NewPerson("Lee Wong", acme_co)).id
    wang = people.add_person(ctx, NewPerson("王小明", design_co, title="设计总监")).id
    people.add_person(ctx, NewPerson("Ana María de la Cruz", design_co, email="ana@ub.example"))
    acme = applications.add_application(
        ctx, NewApplication("Backend Engineer", company_id=acme_co, applied_on=date(2026, 10, 1))
    ).application.id
    interviews.add_interview(
        ctx, NewInterview(acme, date(2026, 11, 10), time(14, 30), Format.ONSITE, (zoe, lee))
    )
    applications.reject(ctx, acme, date(2026, 11, 20))
    design = applications.add_application(
        ctx, NewApplication("Design Engineer", company_id=design_co, applied_on=date(2026, 11, 2))
    ).application.id
    interviews.add_interview(
        ctx,
        NewInterview(design, date(2026, 12, 2), format=Format.TAKE_HOME, interviewer_ids=(wang,)),
    )
    plan = tasks.list_tasks(ctx)
    tasks.mark_done(ctx, _of_kind(plan, Kind.FOLLOW_COMPANY))
    tasks.snooze(ctx, _of_kind(plan, Kind.JOURNAL), date(2026, 11, 28))
    pin_change_times(ctx)
    lee_card = next(t.id for t in plan if t.person == "Lee Wong" and t.kind is Kind.THANK_YOU_CARD)
    return GoldenSearch(acme, lee_card, _of_kind(plan, Kind.CHECK_BACK))


def _of_kind(plan: list[tasks.Task], kind: Kind) -> int:
    return next(t.id for t in plan if t.kind is kind)


def pin_change_times(ctx: Context) -> None:
    """Tasks never changed: when the plan was made; changed ones: a later moment."""
    with ctx.db.transaction() as c:
        c.execute("UPDATE tasks SET updated_at = :at", {"at": PLANNED_AT})
        c.execute("UPDATE tasks SET updated_at = :at WHERE revision > 0", {"at": CHANGED_AT})


@pytest.fixture
def golden_search(ctx: Context) -> GoldenSearch:
    return build_golden_search(ctx)


@pytest.fixture
def sqlite_search(nr_sqlite: Nextround, tmp_path: Path) -> Iterator[GoldenSearch]:
    """The golden search in the SQLite file that ``nr_sqlite`` uses."""
    templates = nr_sqlite.config.parent / "templates"
    context = open_context(Settings(db_url=nr_sqlite.db, today=TODAY, templates_dir=templates))
    try:
        yield build_golden_search(context)
    finally:
        context.close()


def assert_golden(name: str, data: bytes) -> None:
    """``data`` equals the golden file; ``NEXTROUND_UPDATE_GOLDEN=1`` rewrites it instead."""
    path = GOLDEN / name
    if update_requested():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; create it with {UPDATE_GOLDEN}=1"
    assert data == path.read_bytes(), f"output differs from {path} ({UPDATE_GOLDEN}=1 to accept)"


def require_program(name: str) -> str:
    """The program's path; locally a missing one skips the test, in CI it fails it."""
    found = shutil.which(name)
    if found is not None:
        return found
    message = f"{name} is not installed; install it with `sudo apt-get install {name}`"
    if in_ci():
        pytest.fail(f"{message} (required when CI=true)", pytrace=False)
    pytest.skip(message)


def test_the_calendar_matches_the_golden_file(
    golden_search: GoldenSearch, nr: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "nextround.ics"
    target.parent.mkdir()
    result = nr.ok("--today", "2026-11-25", "calendar", "-o", str(target))
    assert result.out == (
        f"Wrote 11 events to {target}: 8 open tasks, "
        "1 finished task (marked cancelled), 2 interviews.\n"
    )
    data = target.read_bytes()
    assert_golden("calendar/nextround.ics", data)
    assert [p.name for p in target.parent.iterdir()] == ["nextround.ics"]  # no temp file left
    calendar = icalendar.Calendar.from_ical(data)
    assert len(calendar.walk("VEVENT")) == EVENTS


class Khal:
    """A throwaway khal: its own config, one calendar folder, its own cache."""

    def __init__(self, home: Path) -> None:
        self.program = require_program("khal")
        self.home, self.folder = home, home / "calendar"
        self.folder.mkdir(parents=True)
        self.config = home / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[nextround]]\npath = {self.folder}\ntype = calendar\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            "local_timezone = UTC\ndefault_timezone = UTC\n"
            f"[default]\ndefault_calendar = nextround\n[sqlite]\npath = {home / 'khal.db'}\n"
        )

    def run(self, *args: str) -> str:
        env = {**os.environ, "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home)}
        done = subprocess.run(
            [self.program, "-c", str(self.config), *args],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "error" not in done.stderr.lower(), done.stderr
        return done.stdout

    def import_file(self, path: Path) -> None:
        self.run("import", "--batch", "-a", "nextround", str(path))

    def events(self) -> list[tuple[str, str, str, str]]:
        """(uid, title, status, start) of every event in 2026 and 2027, each once."""
        out = self.run(
            "list", "--once", "--day-format", "",
            "--format", "{uid}|{title}|{status}|{start}",
            "2026-01-01", "2027-12-31",
        )  # fmt: skip
        rows = [tuple(line.split("|")) for line in out.splitlines() if line.strip()]
        return [(u, t, s.strip(), start) for u, t, s, start in rows]


def test_khal_imports_the_calendar_and_a_reimport_updates_it(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    khal = Khal(tmp_path / "khal")
    target = tmp_path / "nextround.ics"
    nr_sqlite.ok("calendar", "-o", str(target))
    khal.import_file(target)
    first = {row[0]: row for row in khal.events()}
    assert len(first) == EVENTS
    card = first[f"task-1-{sqlite_search.lee_card}@nextround.local"]
    assert card[1:] == (
        "Write a thank-you card to Lee Wong (address needed)",
        "CONFIRMED",
        "2026-11-22",
    )
    interview = first["interview-1-1@nextround.local"]
    assert interview[1:] == (
        "On-site interview: Backend Engineer at Acme Robotics, Inc.",
        "CONFIRMED",
        "2026-11-10 14:30",
    )
    assert [row[1] for row in first.values() if row[2] == "CANCELLED"] == [FOLLOWED]

    nr_sqlite.ok("person", "edit", "Lee Wong", "--address", "Lee Wong\n2 Side St\nSpringfield")
    nr_sqlite.ok("task", "done", str(sqlite_search.check_back))
    nr_sqlite.ok("calendar", "-o", str(target))
    khal.import_file(target)
    second = {row[0]: row for row in khal.events()}
    assert len(khal.events()) == len(second) == EVENTS  # updated, not duplicated
    assert len(list(khal.folder.iterdir())) == EVENTS
    card = second[f"task-1-{sqlite_search.lee_card}@nextround.local"]
    assert card[1] == "Write a thank-you card to Lee Wong"
    assert second[f"task-1-{sqlite_search.check_back}@nextround.local"][2] == "CANCELLED"


def test_an_empty_database_writes_a_valid_empty_calendar(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "empty.ics"
    result = nr_sqlite.ok("calendar", "-o", str(target))
    assert result.out == f"Wrote an empty calendar to {target}: no open tasks or interviews yet.\n"
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT") == []


def test_json_reports_the_counts(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "cal.ics"
    report = nr_sqlite.ok("calendar", "-o", str(target), "--json").json()
    assert report == {
        "path": str(target),
        "events": EVENTS,
        "open_tasks": 8,
        "closed_tasks": 1,
        "interviews": 2,
    }


def test_replacing_a_file_keeps_its_permissions(nr_sqlite: Nextround, tmp_path: Path) -> None:
    target = tmp_path / "cal.ics"
    target.write_text("old")
    target.chmod(0o640)
    nr_sqlite.ok("calendar", "-o", str(target))
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert target.stat().st_mode & 0o777 == 0o640


def _unwritable_target(tmp_path: Path) -> Path:
    """Root may write to any folder, so as root the target is in /proc."""
    if os.geteuid() == 0:
        return Path("/proc") / f"nextround-{os.getpid()}.ics"
    locked = tmp_path / "locked"  # pragma: no cover - the suite runs as root in CI
    locked.mkdir(mode=0o555)
    return locked / "cal.ics"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        pytest.param(lambda p: p, "is a folder; give a file name", id="folder"),
        pytest.param(lambda p: p / "missing" / "c.ics", "folder .*missing does not exist", id="no-dir"),
        pytest.param(_unwritable_target, "can't write ", id="locked"),
    ],
)  # fmt: skip
def test_a_path_that_cant_be_written_is_a_one_line_error(
    nr_sqlite: Nextround, tmp_path: Path, where: Callable[[Path], Path], message: str
) -> None:
    target = where(tmp_path)
    result = nr_sqlite.run("calendar", "-o", str(target))
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("Error: ")
    assert re.search(message, result.err)
    assert not target.is_file()
    assert not [p for p in tmp_path.rglob("*") if p.suffix in {".ics", ".part"}]


def test_the_stored_revision_is_in_the_database(golden_search: GoldenSearch, ctx: Context) -> None:
    """The golden file's SEQUENCE values come from here: done and snoozed tasks are at 1."""
    with ctx.db.read() as c:
        changed = [tuple(r) for r in c.rows("SELECT kind, revision FROM tasks WHERE revision > 0")]
    assert sorted(changed) == [("follow_company", 1), ("journal", 1)]
