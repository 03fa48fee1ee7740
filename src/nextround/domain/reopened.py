"""The step a reopened role makes on Today: once per application and posting.

Pure: :func:`step` builds the step from a :class:`~nextround.domain.watch.Reopening`;
:func:`keys` names every key it could have been stored under, so a role listed
as several concurrent postings, or seen again on a later run, makes no second step.
"""

from __future__ import annotations

from datetime import date

from nextround.domain.playbook import PlannedTask
from nextround.domain.tasks import Kind
from nextround.domain.watch import Reopening, clean_text


def keys(found: Reopening) -> list[str]:
    """The step's key for each posting of the role; the first posting's is the one used."""
    return [f"reopened_role:a{found.application_id}:p{p.id}" for p in found.postings]


def step(found: Reopening, company_id: int, company: str, today: date) -> PlannedTask:
    """Due today, with the posting's link; the title reads as news, not as a push."""
    first = found.postings[0]
    role = clean_text(first.title) or "role you applied for"
    title = f"The {role} role at {clean_text(company)} is open again — have a look"
    return PlannedTask(
        key=keys(found)[0],
        kind=Kind.REOPENED_ROLE,
        title=title[:500],
        due=today,
        company_id=company_id,
        url=first.url or None,
    )
