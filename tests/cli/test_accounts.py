"""``nextround user delete EMAIL`` and ``nextround --user EMAIL account delete`` on a hosted
site (PostgreSQL), and the user's own backup (``--user EMAIL export``) before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.domain.companies import NewCompany
from nextround.errors import NotSignedIn
from nextround.services import api_tokens, companies, logins, users
from nextround.services.context import open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY

pytestmark = pytest.mark.postgres

PASSWORD = "a long enough secret"
HOSTED = {"NEXTROUND_HOSTED": "1"}


@pytest.fixture
def nr(postgres_url: str, tmp_path: Path) -> Nextround:
    return Nextround(tmp_path, postgres_url).created()


def _users(nr: Nextround) -> dict[str, str]:
    """a@ and b@ with a company each and an API token each: the tokens by email."""
    ctx = open_context(Settings(db_url=nr.db, today=TODAY, hosted=True), pooled=False)
    try:
        tokens = {}
        for email, word in (("a@example.org", "Aardvarkish"), ("b@example.org", "Bumblebeeish")):
            made = users.add_user(ctx, email)
            users.use_link(ctx, made.token, PASSWORD)
            mine = ctx.fresh(owner=made.user_id)
            companies.add_company(mine, NewCompany(f"{word} Works"))
            tokens[email] = api_tokens.add_token(mine, "script")
        return tokens
    finally:
        ctx.close()


def _token_owner(nr: Nextround, token: str) -> int | None:
    ctx = open_context(Settings(db_url=nr.db, today=TODAY, hosted=True), pooled=False)
    try:
        return api_tokens.token_owner(ctx, token)
    finally:
        ctx.close()


def test_the_admin_deletes_a_user_after_their_own_export(nr: Nextround, tmp_path: Path) -> None:
    tokens = _users(nr)
    backup = tmp_path / "a.json"
    nr.ok("--user", "a@example.org", "export", "-o", str(backup), **HOSTED)
    text = backup.read_text()
    assert "Aardvarkish Works" in text and "Bumblebeeish" not in text
    asked = nr.run("user", "delete", "a@example.org", **HOSTED)  # no terminal, no --yes
    assert asked.code == 2 and "add --yes" in asked.err
    assert _token_owner(nr, tokens["a@example.org"]) is not None
    done = nr.ok("user", "delete", "A@Example.org", "--yes", **HOSTED)
    assert "Deleted the account a@example.org" in done.out
    assert _token_owner(nr, tokens["a@example.org"]) is None
    assert _token_owner(nr, tokens["b@example.org"]) is not None
    again = nr.run("user", "delete", "a@example.org", "--yes", **HOSTED)
    assert again.code == 1 and "no user with the email a@example.org" in again.err
    gone = nr.run("--user", "a@example.org", "company", "list", **HOSTED)
    assert gone.code == 1 and "no user with the email a@example.org" in gone.err
    listed = nr.ok("user", "list", **HOSTED).out
    assert "a@example.org" not in listed and "b@example.org" in listed


def test_a_user_deletes_their_own_account(nr: Nextround) -> None:
    tokens = _users(nr)
    nobody = nr.run("account", "delete", "--yes", **HOSTED)
    assert nobody.code == 2 and "--user EMAIL" in nobody.err
    asked = nr.run("--user", "b@example.org", "account", "delete", **HOSTED)
    assert asked.code == 2 and _token_owner(nr, tokens["b@example.org"]) is not None
    done = nr.ok("--user", "b@example.org", "--json", "account", "delete", "--yes", **HOSTED)
    found = json.loads(done.out)
    assert found["email"] == "b@example.org" and found["counts"]["companies"] == 1
    assert _token_owner(nr, tokens["b@example.org"]) is None
    ctx = open_context(Settings(db_url=nr.db, today=TODAY, hosted=True), pooled=False)
    try:
        with pytest.raises(NotSignedIn):
            logins.log_in(ctx, PASSWORD, logins.Throttle(), account="b@example.org")
        a = logins.log_in(ctx, PASSWORD, logins.Throttle(), account="a@example.org")
        assert companies.list_companies(ctx.fresh(owner=a.user_id))
    finally:
        ctx.close()
