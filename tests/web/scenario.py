"""Small job searches built through the services, for the web tests to look at.

The pages and the API are driven through HTTP; what they show is set up here,
through the same services, so a test reads as "given this search, the page
shows that".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.interviews import NewInterview
from nextround.domain.people import NewPerson
from nextround.services import applications, companies, interviews, people
from nextround.services.context import Context
from tests.web.conftest import Browser


def ctx_of(client: Browser) -> Context:
    """A context on the app's database, as one request gets it (its own list of changes)."""
    context: Context = client.app.state.web.context()  # type: ignore[attr-defined]
    return context


@dataclass(frozen=True)
class Scenario:
    company_id: int
    app_id: int
    dana_id: int
    lee_id: int


def company(ctx: Context, name: str, *, twin: bool = False, **details: object) -> int:
    """A company; ``twin`` adds it even when it looks like a stored one."""
    new = NewCompany(name, **details)  # type: ignore[arg-type]
    return companies.add_company(ctx, new, allow_duplicate=twin).id


def person(ctx: Context, name: str, company_id: int, **details: object) -> int:
    return people.add_person(ctx, NewPerson(name, company_id, **details)).id  # type: ignore[arg-type]


def application(
    ctx: Context, company_id: int, role: str, applied_on: date | None = None, **details: object
) -> int:
    new = NewApplication(role, company_id=company_id, applied_on=applied_on, **details)  # type: ignore[arg-type]
    return applications.add_application(ctx, new).application.id


def interview(ctx: Context, app_id: int, on: date, *interviewer_ids: int) -> int:
    new = NewInterview(app_id, on, interviewer_ids=interviewer_ids)
    return interviews.add_interview(ctx, new).interview.id


def interviewed(ctx: Context, *, company_address: str | None = None) -> Scenario:
    """Acme: Dana (email and address) and Lee (neither) interviewed for one role."""
    acme = company(
        ctx,
        "Acme Robotics",
        website="acme.example",
        address=company_address,
        socials=("https://www.linkedin.com/company/acme-robotics-example",),
    )
    dana = person(
        ctx,
        "Dana Smith",
        acme,
        title="Engineering Manager",
        email="dana@acme.example",
        address="Dana Smith\n1 Main Street\nSpringfield",
    )
    lee = person(ctx, "Lee Wong", acme, title="Staff Engineer")
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 10), dana, lee)
    return Scenario(acme, app_id, dana, lee)
