"""`nextround today` runs without click; everything else still reaches click."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nextround.cli.agenda import fast_arguments


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


def run_and_list_click_modules(args: list[str], tmp_path: Path) -> str:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('click loaded' if 'click' in sys.modules else 'no click',"
        " file=sys.stderr))\n"
        "from nextround.cli.main import main\n"
        f"main({args!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    return done.stderr


def test_today_never_imports_click(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    assert "no click" in run_and_list_click_modules(["--db", db, "today"], tmp_path)
    assert "click loaded" in run_and_list_click_modules(["--db", db, "tasks"], tmp_path)
