"""A single-user nextround (SQLite) has no account to delete: ``/account`` isn't there, and
``delete-all`` empties the database as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.domain.companies import NewCompany
from nextround.errors import NotFound
from nextround.services import account, companies
from nextround.services.context import open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.web.conftest import Browser


def test_the_local_user_has_no_account_page(client: Browser) -> None:
    assert client.get("/account").status_code == 404
    assert client.submit("/account/delete", {"password": "x"}).status_code == 404
    bare = {"X-CSRF-Token": client.csrf}
    refused = client.request("DELETE", "/api/v1/account", json={"password": "x"}, headers=bare)
    assert refused.status_code == 404 and "delete-all" in refused.json()["error"]["message"]
    assert 'href="/account"' not in client.get("/").text


def test_delete_all_still_empties_the_local_database(tmp_path: Path) -> None:
    nr_sqlite = Nextround(tmp_path, str(tmp_path / "nextround.db")).created()
    ctx = open_context(Settings(db_url=nr_sqlite.db, today=TODAY), pooled=False)
    try:
        companies.add_company(ctx, NewCompany("Localcorp"))
        with pytest.raises(NotFound, match="delete-all"):
            account.delete_own(ctx, password="anything")
        with pytest.raises(NotFound, match="delete-all"):
            account.about(ctx)
    finally:
        ctx.close()
    assert "Localcorp" in nr_sqlite.ok("company", "list").out
    done = nr_sqlite.ok("delete-all", "--yes")
    assert "Deleted" in done.out
    assert "Localcorp" not in nr_sqlite.ok("company", "list").out
