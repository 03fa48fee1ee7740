"""Pytest fixtures for tests that need PostgreSQL (a plugin module).

Load it from the top-level ``tests/conftest.py`` (or from a test module) with::

    pytest_plugins = ["tests.pg_fixtures"]

or on the command line with ``-p tests.pg_fixtures``. Then ask for a fixture:

``postgres_url`` (function scope)
    The URL of a fresh, empty database, dropped after the test
    (``postgresql://postgres@127.0.0.1:PORT/nr_<hex>``; give it to
    ``nextround.storage`` as is, or to ``psycopg.connect``).

``postgres_admin_url`` (session scope)
    A superuser URL of the server: started once per session (once per worker under
    pytest-xdist: each worker has its own cluster, port and directory), or taken from
    ``$NEXTROUND_TEST_POSTGRES_URL``. Use it to create databases yourself with
    :func:`tests.pgcluster.new_database`.

When no server can be had, the tests that need one are skipped with a message saying
how to install PostgreSQL, except under ``CI=true``, where they fail: in CI a missing
component is an error, never a silent skip. If ``$NEXTROUND_TEST_POSTGRES_URL`` is set
but the server does not answer, the tests fail too (it was asked for explicitly).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import NoReturn, TypeVar

import pytest

from tests.pgcluster import (
    ENV_URL,
    INSTALL_HINT,
    PostgresUnavailableError,
    drop_database,
    new_database,
    running_cluster,
    server_version,
)

__all__ = ["postgres_admin_url", "postgres_url"]

T = TypeVar("T")


def in_ci() -> bool:
    """Whether the tests run in CI (``CI=true``, as GitHub Actions and GitLab set it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


@contextmanager
def needed(
    server: AbstractContextManager[T], error: type[Exception], what: str, skip: str
) -> Iterator[T]:
    """``server`` entered. If it can't start (``error``), the test fails under ``CI=true``
    (``what`` is required there) and is skipped elsewhere, saying ``skip`` and why."""
    with ExitStack() as stack:
        reason: str | None = None
        try:
            found = stack.enter_context(server)
        except error as exc:
            reason = str(exc)
        if reason is not None:  # outside the except: no "during handling" noise
            if in_ci():
                pytest.fail(
                    f"{what} is required in CI (CI=true) but unavailable: {reason}", pytrace=False
                )
            pytest.skip(f"{skip}: {reason}")
        yield found


def _unavailable(reason: str) -> NoReturn:
    """Skip the test (locally) or fail it (in CI, or when a URL was set explicitly)."""
    if os.environ.get(ENV_URL, "").strip():
        pytest.fail(f"{ENV_URL} is set but that server is unusable: {reason}", pytrace=False)
    if in_ci():
        pytest.fail(
            f"PostgreSQL is required in CI (CI=true) but unavailable: {reason}", pytrace=False
        )
    if INSTALL_HINT not in reason:
        reason += f"\n(to use a server you run instead, set {ENV_URL})"
    pytest.skip(f"no PostgreSQL server for tests: {reason}")


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A superuser URL of the session's PostgreSQL server (see the module docstring)."""
    with ExitStack() as stack:
        reason: str | None = None
        try:
            url = stack.enter_context(running_cluster())
            server_version(url)  # fail early and clearly if it does not answer
        except PostgresUnavailableError as exc:
            reason = str(exc)
        if reason is not None:
            _unavailable(reason)  # outside the except: no "during handling" noise
        yield url


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """The URL of a fresh, empty database of its own for one test; dropped afterwards."""
    url = new_database(postgres_admin_url)
    try:
        yield url
    finally:
        drop_database(postgres_admin_url, url)
