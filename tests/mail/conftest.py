"""Fixtures for the mail tests: a Dovecot IMAP server per session, a user per test.

Without Dovecot (``dovecot-imapd`` on Debian; ``$NEXTROUND_TEST_DOVECOT`` may
name the program) the IMAP tests are skipped with a hint on how to install it,
except under ``CI=true``, where they fail: in CI a missing component is an
error, never a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.imapserver import Dovecot, DovecotUnavailableError, ImapUser, running_dovecot
from tests.pg_fixtures import needed


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot (one per session, or per pytest-xdist worker)."""
    with needed(
        running_dovecot(), DovecotUnavailableError, "Dovecot", "no Dovecot IMAP server for tests"
    ) as server:
        yield server


@pytest.fixture
def imap_user(dovecot: Dovecot) -> ImapUser:
    """A user of its own, with an empty mailbox, for one test."""
    return dovecot.add_user()
