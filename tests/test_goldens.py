"""The golden-file switch rewrites files locally and stops a CI run cold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.goldens import UPDATE_GOLDEN, update_requested

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("ci", "switch", "update"),
    [
        (None, None, False),
        (None, "1", True),
        (None, "0", False),
        ("false", "1", True),
    ],
)
def test_the_switch_rewrites_only_outside_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str | None, switch: str | None, update: bool
) -> None:
    for name, value in (("CI", ci), (UPDATE_GOLDEN, switch)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert update_requested() is update


@pytest.mark.parametrize("switch", ["1", "0", "", "yes"])
def test_under_ci_any_value_fails_the_test(monkeypatch: pytest.MonkeyPatch, switch: str) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv(UPDATE_GOLDEN, switch)
    with pytest.raises(pytest.fail.Exception, match="CI compares golden files"):
        update_requested()


def test_under_ci_the_run_stops_before_any_test() -> None:
    env = {**os.environ, "CI": "true", UPDATE_GOLDEN: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_goldens.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert f"{UPDATE_GOLDEN}='1' is set under CI=true" in done.stderr
    assert "passed" not in done.stdout
