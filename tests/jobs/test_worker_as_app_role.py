"""The job runner as deployed: the queue's tables made by the schema's owner, the worker
and the scheduler connected as the app's role (rows only, ``nextround db grant``), under
row-level security. The same tests as ``test_worker.py``, on that database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.config import Settings
from nextround.errors import StorageError
from nextround.jobs import runner
from nextround.services.context import Context, open_context
from tests.conftest import TODAY
from tests.jobs import USERS
from tests.jobs import test_digest_batches as batches
from tests.jobs import test_worker as same
from tests.pg_roles import roles

pytestmark = pytest.mark.postgres


@pytest.fixture
def app_pg(postgres_admin_url: str, postgres_url: str, tmp_path: Path) -> Iterator[Context]:
    def settings(url: str) -> Settings:
        return Settings(db_url=url, today=TODAY, templates_dir=tmp_path / "config" / "templates")

    with roles(postgres_admin_url, postgres_url) as found:
        owner = open_context(settings(found.owner_url))
        try:
            assert runner.apply_schema(owner)  # the app's role could not create it
        finally:
            owner.close()
        ctx = open_context(settings(found.app_url))
        try:
            with ctx.db.transaction() as c:
                for user, address in USERS.items():
                    c.execute(
                        "INSERT INTO users (id, name) VALUES (:id, :name)",
                        {"id": user, "name": address},
                    )
            yield ctx
        finally:
            ctx.close()


def test_digest_jobs_run_per_owner_as_the_app_role(app_pg: Context) -> None:
    same.test_a_digest_job_emails_each_user_their_own_digest_once(app_pg)


def test_the_schedule_lists_every_owner_as_the_app_role(app_pg: Context) -> None:
    same.test_the_schedule_enqueues_the_users_with_the_feature_set_up(app_pg)


def test_digest_batches_run_as_the_app_role(app_pg: Context) -> None:
    batches.test_a_batch_run_again_or_after_a_stop_sends_nothing_twice(app_pg)


def test_the_app_role_is_told_to_start_the_first_worker_as_the_owner(
    postgres_admin_url: str, postgres_url: str, tmp_path: Path
) -> None:
    with roles(postgres_admin_url, postgres_url) as found:
        ctx = open_context(Settings(db_url=found.app_url, today=TODAY))
        try:
            with pytest.raises(StorageError) as refused:
                runner.apply_schema(ctx)
        finally:
            ctx.close()
        message = str(refused.value)
        assert "\n" not in message
        assert f"the role {found.app} may not create them" in message
        assert "NEXTROUND_DB=OWNER_URL nextround worker --once" in message
        owner = open_context(Settings(db_url=found.owner_url, today=TODAY))
        try:  # nothing half made: the owner then creates the tables, once
            assert runner.apply_schema(owner)
            assert not runner.apply_schema(owner)
        finally:
            owner.close()


def test_a_hosted_site_sends_no_digest_to_the_computers_own_user(app_pg: Context) -> None:
    """User 1 is the single-user install's; hosted, nobody's: the site's own sender
    address ([smtp] from) would get its digest."""
    import dataclasses

    from nextround.mailconfig import SmtpSettings
    from nextround.services.job_queue import Kind, due_owners

    smtp = SmtpSettings(host="127.0.0.1", port=25, security="none", sender="jobs@site.example")
    local = app_pg.fresh(settings=dataclasses.replace(app_pg.settings, smtp=smtp))
    hosted = app_pg.fresh(settings=dataclasses.replace(local.settings, hosted=True))
    assert sorted(due_owners(local, Kind.SEND_DIGEST)) == [1, *sorted(USERS)]
    assert sorted(due_owners(hosted, Kind.SEND_DIGEST)) == sorted(USERS)
