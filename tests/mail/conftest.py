"""Fixtures for the mail tests: a Dovecot IMAP server per session, a user per test.

Without Dovecot (``dovecot-imapd`` on Debian; ``$NEXTROUND_TEST_DOVECOT`` may
name the program) the IMAP tests are skipped with a hint on how to install it,
except under ``CI=true``, where they fail: in CI a missing component is an
error, never a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.imapserver import Dovecot, DovecotUnavailableError, ImapUser, running_dovecot
from tests.pg_fixtures import in_ci


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot (one per session, or per pytest-xdist worker)."""
    with ExitStack() as stack:
        reason: str | None = None
        try:
            server = stack.enter_context(running_dovecot())
        except DovecotUnavailableError as exc:
            reason = str(exc)
        if reason is not None:  # outside the except: no "during handling" noise
            if in_ci():
                pytest.fail(
                    f"Dovecot is required in CI (CI=true) but unavailable: {reason}", pytrace=False
                )
            pytest.skip(f"no Dovecot IMAP server for tests: {reason}")
        yield server


@pytest.fixture
def imap_user(dovecot: Dovecot) -> ImapUser:
    """A user of its own, with an empty mailbox, for one test."""
    return dovecot.add_user()
