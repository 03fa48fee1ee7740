"""A small job search built through the services, shared by the service tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.services import applications, companies, interviews, people
from nextround.services.context import Context


@dataclass(frozen=True)
class Scenario:
    app_id: int
    dana_id: int
    lee_id: int


def interviewed(ctx: Context, *, company_address: str | None = None) -> Scenario:
    """Acme: Dana (email and address) and Lee (neither) interviewed for one role."""
    companies.add_company(
        ctx,
        "Acme Robotics",
        website="acme.example",
        address=company_address,
        socials=["https://www.linkedin.com/company/acme-robotics-example"],
    )
    dana = people.add_person(
        ctx,
        "Dana Smith",
        company="Acme Robotics",
        title="Engineering Manager",
        email="dana@acme.example",
        address="Dana Smith\n1 Main Street\nSpringfield",
    )
    lee = people.add_person(ctx, "Lee Wong", company="Acme", title="Staff Engineer")
    added = applications.add_application(
        ctx, company="Acme Robotics", role="Backend Engineer", applied_on=date(2026, 10, 1)
    )
    app_id = added.application.id
    interviews.add_interview(ctx, app_id, on=date(2026, 11, 10), interviewers=["Dana Smith", "Lee"])
    return Scenario(app_id, dana.id, lee.id)
