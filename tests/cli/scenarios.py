"""Set-ups several CLI test modules start from, typed as a user would type them."""

from __future__ import annotations

from collections.abc import Sequence

from tests.cli.runner import Nextround


def interviewed_at_acme(nr: Nextround) -> Nextround:
    """Acme Robotics, Dana Smith (with an email) and Lee Wong there, application 1 (its role
    misspelt), and interview 1 with Dana."""
    nr.ok("company", "add", "Acme Robotics", "--website", "acme.example")
    nr.ok("person", "add", "Dana Smith", "--company", "Acme", "--email", "dana@acme.example")
    nr.ok("person", "add", "Lee Wong", "--company", "Acme")
    nr.ok("app", "add", "--company", "Acme", "--role", "Backend Enginer", "--applied", "2026-10-01")
    nr.ok("interview", "add", "1", "--on", "2026-11-10", "--with", "Dana Smith")
    return nr


def record_acme(
    nr: Nextround,
    *,
    company: Sequence[str] = (),
    dana: Sequence[str] = (),
    lee: Sequence[str] = (),
    interview: Sequence[str] = (),
) -> str:
    """Acme Robotics with its website and LinkedIn page, Dana Smith (with an email) and Lee Wong
    there, Backend Engineer applied for on 2026-10-01 and interviewed for with both on
    2026-11-10 at 14:30; each with the further options given. The application's id."""
    nr.ok(
        "company", "add", "Acme Robotics", "--website", "acme.example",
        "--social", "https://www.linkedin.com/company/acme-example", *company,
    )  # fmt: skip
    nr.ok(
        "person", "add", "Dana Smith", "--company", "Acme Robotics",
        "--email", "dana@acme.example", *dana,
    )  # fmt: skip
    nr.ok("person", "add", "Lee Wong", "--company", "Acme Robotics", *lee)
    app_id = nr.ok(
        "app", "add", "--company", "Acme Robotics", "--role", "Backend Engineer",
        "--applied", "2026-10-01",
    ).out.strip()  # fmt: skip
    nr.ok(
        "interview", "add", app_id, "--on", "2026-11-10", "--at", "14:30",
        "--with", "Dana Smith", "--with", "Lee", *interview,
    )  # fmt: skip
    return app_id
