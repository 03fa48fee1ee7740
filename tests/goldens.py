"""Golden files: compared byte for byte, rewritten only when asked, and never in CI.

``NEXTROUND_UPDATE_GOLDEN=1`` rewrites the golden files a run compares against
(review the diff before committing it). Under ``CI=true`` the switch, set to any
value, fails the run: CI checks the output against the files, it never accepts
whatever the code printed.
"""

from __future__ import annotations

import os

import pytest

from tests.pg_fixtures import in_ci

UPDATE_GOLDEN = "NEXTROUND_UPDATE_GOLDEN"


def refusal() -> str | None:
    """Why this run may not go on, when CI was asked to rewrite golden files."""
    if in_ci() and UPDATE_GOLDEN in os.environ:
        value = os.environ[UPDATE_GOLDEN]
        return (
            f"{UPDATE_GOLDEN}={value!r} is set under CI=true: CI compares golden files and "
            f"never rewrites them; unset {UPDATE_GOLDEN}"
        )
    return None


def update_requested() -> bool:
    """Whether to rewrite the golden file instead of comparing (fails the test under CI)."""
    refused = refusal()
    if refused is not None:
        pytest.fail(refused, pytrace=False)
    return os.environ.get(UPDATE_GOLDEN) == "1"
