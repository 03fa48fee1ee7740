"""Helpers of the job runner's tests: a queue of the test's PostgreSQL database, users
2 and 3 with addresses, enqueueing, and the jobs table as it stands."""

from __future__ import annotations

import dataclasses
from datetime import date

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.jobs import runner
from nextround.mailconfig import SmtpSettings
from nextround.services import applications, companies
from nextround.services.context import Context
from nextround.services.job_queue import Kind

USERS = {2: "ana@people.example", 3: "ben@people.example"}


def with_smtp(ctx: Context, port: int) -> Context:
    smtp = SmtpSettings(
        host="127.0.0.1", port=port, security="none", sender="nextround@site.example"
    )
    return ctx.fresh(settings=dataclasses.replace(ctx.settings, smtp=smtp))


def enqueue(ctx: Context, kind: Kind, *owners: int, **extra: str) -> list[int | None]:
    app = runner.make_app(ctx, periodic=False)
    with app.open():
        return [runner.defer(app, kind, owner, **extra) for owner in owners]


def jobs(ctx: Context) -> list[tuple[str, str, int, int]]:
    with ctx.db.read() as c:
        rows = c.rows(
            "SELECT task_name, status, (args->>'owner')::int, attempts FROM procrastinate_jobs ORDER BY id"
        )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def rejected(pg: Context, owner: int, company: str) -> None:
    """A rejection on 20 November: its follow-up plan has steps due by today."""
    ctx = pg.fresh(owner=owner)
    found = companies.add_company(ctx, NewCompany(company))
    added = applications.add_application(
        ctx, NewApplication("Data Analyst", company_id=found.id, applied_on=date(2026, 10, 2))
    )
    applications.reject(ctx, added.application.id, on=date(2026, 11, 20))
