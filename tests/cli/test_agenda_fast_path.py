"""`nextround today` runs without click; everything else still reaches click."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nextround.cli.agenda import fast_arguments
from tests.cli.runner import Nextround


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["today"], (None, None, False)),
        (["--json", "today"], (None, None, True)),
        (["today", "--json"], (None, None, True)),
        (["--db", "x.db", "--today", "2026-11-25", "today"], ("x.db", "2026-11-25", False)),
        (["--db=x.db", "--today=2026-11-25", "today", "--json"], ("x.db", "2026-11-25", True)),
    ],
)
def test_plain_forms_take_the_fast_path(args: list[str], expected: tuple[object, ...]) -> None:
    state = fast_arguments(args)
    assert state is not None
    assert (state.db, state.today, state.as_json) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["tasks"],
        ["today", "--help"],
        ["--debug", "today"],
        ["today", "today"],
        ["today", "--db", "x.db"],
        ["--db"],
        ["--db", "a.db", "--db", "b.db", "today"],
        ["--version"],
        ["tody"],
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert fast_arguments(args) is None


def run_main(nr: Nextround, args: list[str]) -> subprocess.CompletedProcess[str]:
    """``main(args)`` in a fresh interpreter; its stderr ends with whether click was imported."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('click loaded' if 'click' in sys.modules else 'no click',"
        " file=sys.stderr))\n"
        "from nextround.cli.main import main\n"
        f"main({args!r})\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=nr.env(),
        check=False,
        timeout=60,
    )


def test_today_never_imports_click_and_prints_what_click_would(nr_sqlite: Nextround) -> None:
    nr_sqlite.ok("demo")
    fast = run_main(nr_sqlite, ["today"])
    assert fast.returncode == 0, fast.stderr
    assert fast.stderr.splitlines()[-1] == "no click"
    assert fast.stdout.startswith("Wednesday 25 November 2026\n\nOverdue\n")
    assert "Write a thank-you card to Elena Marsh" in fast.stdout
    # --debug sends the same command through click: the output must not differ.
    slow = run_main(nr_sqlite, ["--debug", "today"])
    assert slow.returncode == 0, slow.stderr
    assert slow.stderr.splitlines()[-1] == "click loaded"
    assert slow.stdout == fast.stdout
    # And a command other than today loads click, and does its work.
    tasks = run_main(nr_sqlite, ["tasks"])
    assert tasks.returncode == 0, tasks.stderr
    assert tasks.stderr.splitlines()[-1] == "click loaded"
    assert "Write a thank-you card to Elena Marsh" in tasks.stdout
