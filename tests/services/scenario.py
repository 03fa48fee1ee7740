"""A small job search built through the services, shared by the service tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import NewPerson
from nextround.services import applications, companies, interviews, people
from nextround.services.context import Context


@dataclass(frozen=True)
class Scenario:
    app_id: int
    dana_id: int
    lee_id: int
    company_id: int = 0
    interview_id: int = 0


def interviewed(ctx: Context, *, company_address: str | None = None) -> Scenario:
    """Acme: Dana (email and address) and Lee (neither) interviewed for one role."""
    acme = companies.add_company(
        ctx,
        NewCompany(
            "Acme Robotics",
            website="acme.example",
            address=company_address,
            socials=("https://www.linkedin.com/company/acme-robotics-example",),
        ),
    )
    dana = people.add_person(
        ctx,
        NewPerson(
            "Dana Smith",
            acme.id,
            title="Engineering Manager",
            email="dana@acme.example",
            address="Dana Smith\n1 Main Street\nSpringfield",
        ),
    )
    lee = people.add_person(ctx, NewPerson("Lee Wong", acme.id, title="Staff Engineer"))
    added = applications.add_application(
        ctx, NewApplication("Backend Engineer", company_id=acme.id, applied_on=date(2026, 10, 1))
    )
    app_id = added.application.id
    view = interviews.add_interview(
        ctx, NewInterview(app_id, date(2026, 11, 10), interviewer_ids=(dana.id, lee.id))
    )
    return Scenario(app_id, dana.id, lee.id, acme.id, view.interview.id)
