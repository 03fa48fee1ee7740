"""Fuzzing the restore: any file, damaged or hand-edited, ends in a restore or one clear error.

Every example restores into its own empty SQLite database (a copy of the
migrated template). The only outcomes allowed: the restore succeeds, or a
:class:`~nextround.errors.NextroundError` says why and nothing was written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.config import Settings
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.people import NewPerson
from nextround.errors import NextroundError
from nextround.services import applications, backup, companies, exports, people
from nextround.services.context import open_context
from nextround.storage import dump
from tests.conftest import sqlite_template

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def small_export() -> Iterator[bytes]:
    """The export of a small real database: a company, a person, an application."""
    folder = Path(tempfile.mkdtemp(prefix="nextround-fuzz-"))
    shutil.copyfile(sqlite_template(), folder / "n.db")
    ctx = open_context(Settings(db_url=str(folder / "n.db"), today=TODAY))
    try:
        company = companies.add_company(ctx, NewCompany(name="Acme", address="1 Main St"))
        people.add_person(ctx, NewPerson(name="Dana Smith", company_id=company.id))
        applications.add_application(
            ctx, NewApplication(company_id=company.id, role="Engineer", applied_on=TODAY)
        )
        yield exports.export_json(ctx).data
    finally:
        ctx.close()
        shutil.rmtree(folder, ignore_errors=True)


def _restore(data: bytes) -> NextroundError | None:
    """Restore into a fresh database; only nextround's own errors may come out."""
    folder = Path(tempfile.mkdtemp(prefix="nextround-fuzz-"))
    shutil.copyfile(sqlite_template(), folder / "n.db")
    ctx = open_context(Settings(db_url=str(folder / "n.db"), today=TODAY))
    try:
        try:
            backup.restore(ctx, data, "fuzz.json")
        except NextroundError as exc:
            assert "\n" not in exc.message
            with ctx.db.read() as c:
                assert dump.holding(c) == [], "an error left rows behind"
            return exc
        return None
    finally:
        ctx.close()
        shutil.rmtree(folder, ignore_errors=True)


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    _restore(data)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_a_file_cut_short(small_export: bytes, cut: int) -> None:
    _restore(small_export[: cut % max(1, len(small_export))])


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*at, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*at, index))
    return found


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = _replaced(document[head], rest, value)
    return copy


@FUZZ
@given(data=st.data())
def test_a_value_replaced_anywhere(small_export: bytes, data: st.DataObject) -> None:
    document = json.loads(small_export)
    path = data.draw(st.sampled_from(_paths(document)))
    value = data.draw(JSON_VALUES)
    _restore(json.dumps(_replaced(document, path, value)).encode())


@FUZZ
@given(data=st.data())
def test_a_key_removed_or_added(small_export: bytes, data: st.DataObject) -> None:
    document = json.loads(small_export)
    objects = [p for p in _paths(document) if isinstance(_at(document, p), dict)]
    path = data.draw(st.sampled_from(objects))
    target = dict(_at(document, path))
    if target and data.draw(st.booleans()):
        target.pop(data.draw(st.sampled_from(sorted(target))))
    else:
        target[data.draw(st.text(max_size=12))] = data.draw(JSON_VALUES)
    _restore(json.dumps(_replaced(document, path, target)).encode())


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"format": "nextround-export", "version": 1e999}',
        '{"format": "nextround-export", "version": NaN}',
        '{"format": "nextround-export", "version": ' + "9" * 5000 + "}",
        '{"a": "\\ud800"}',
    ],
)
def test_awkward_json(text: str) -> None:
    _restore(text.encode())


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("name", "\ud800 lone surrogate"),
        ("name", "NUL \x00 inside"),
        ("name", "x" * 201),
        ("id", 2**63),
        ("id", 2**31),
        ("id", True),
        ("created_at", "2026-02-30 10:00:00"),
        ("revision", 1.5),
    ],
)
def test_values_no_database_takes(small_export: bytes, column: str, value: object) -> None:
    document = json.loads(small_export)
    document["tables"]["companies"][0][column] = value
    refused = _restore(json.dumps(document).encode())
    assert refused is not None
    assert f"tables.companies[0].{column}" in refused.message
