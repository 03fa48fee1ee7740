"""``nextround coach``: grant, list, show and revoke on a hosted site (PostgreSQL, as the
app's role under row-level security), each as ``--user``."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.services import users
from nextround.services.context import open_context
from tests.cli.runner import Nextround
from tests.conftest import TODAY
from tests.pg_roles import roles
from tests.services.coaching_seed import leaks, seed

pytestmark = pytest.mark.postgres

HOSTED = {"NEXTROUND_HOSTED": "1"}


def test_grant_show_list_revoke(postgres_admin_url: str, postgres_url: str, tmp_path: Path) -> None:
    with roles(postgres_admin_url, postgres_url) as found:
        nr = Nextround(tmp_path, found.app_url)
        for email in ("sam@example.org", "coach@example.org", "stranger@example.org"):
            nr.ok("user", "add", email, **HOSTED)
        ctx = open_context(Settings(db_url=found.app_url, today=TODAY, hosted=True), pooled=False)
        try:
            seed(ctx.fresh(owner=users.user_id_for(ctx, "sam@example.org")), tmp_path)
        finally:
            ctx.close()

        def as_(email: str, *args: str) -> list[str]:
            return ["--user", email, "coach", *args]

        refused = nr.run(*as_("coach@example.org", "show", "sam@example.org"), **HOSTED)
        assert refused.code == 1 and "doesn't share their progress with you" in refused.err
        unknown = nr.run(*as_("sam@example.org", "grant", "nobody@example.org"), **HOSTED)
        assert unknown.code == 1 and "no one with that email" in unknown.err
        assert unknown.err.count("\n") == 1

        given = nr.ok(*as_("sam@example.org", "grant", "COACH@example.org"), **HOSTED)
        assert "coach@example.org can now see" in given.out and "never your journal" in given.out
        mine = nr.ok(*as_("sam@example.org", "list"), **HOSTED).out
        assert "Your coaches" in mine and "coach@example.org" in mine
        theirs = nr.ok(*as_("coach@example.org", "list", "--json"), **HOSTED).json()
        assert [p["email"] for p in theirs["seekers"]] == ["sam@example.org"]
        assert theirs["coaches"] == []

        shown = nr.ok(*as_("coach@example.org", "show", "sam@example.org"), **HOSTED)
        assert "Globex Works" in shown.out and "Backend Engineer" in shown.out
        assert "2 sent, 2 heard back, 1 interviewed" in shown.out
        data = nr.ok(*as_("coach@example.org", "show", "sam@example.org", "--json"), **HOSTED)
        assert data.json()["by_status"]["rejected"] == 1
        assert leaks(shown.out + shown.err + data.out) == []

        stranger = nr.run(*as_("stranger@example.org", "show", "sam@example.org"), **HOSTED)
        assert stranger.code == 1 and leaks(stranger.out + stranger.err) == []

        done = nr.ok(*as_("sam@example.org", "revoke", "coach@example.org"), **HOSTED)
        assert "no longer sees your progress" in done.out
        after = nr.run(*as_("coach@example.org", "show", "sam@example.org"), **HOSTED)
        assert after.code == 1 and "Globex" not in after.out
        again = nr.run(*as_("sam@example.org", "revoke", "coach@example.org"), **HOSTED)
        assert again.code == 1 and "haven't given coach@example.org access" in again.err
