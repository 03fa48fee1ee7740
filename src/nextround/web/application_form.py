"""The application form's details, shared by adding and editing: parsed from a post,
shown again as typed, and the choices of its selects.

The face parses only what a form can't carry as it is (dates, whole
numbers); every rule is the domain's, so a field the face could parse still
gets the domain's answer.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData

from nextround.domain.applications import Application, Period, Source, WorkMode
from nextround.web.fields import Errors, form_id, optional, optional_date, whole_number
from nextround.web.pages import text

#: The detail fields, named as the domain's inputs name them.
DETAILS = (
    "role",
    "applied_on",
    "source_url",
    "requisition_id",
    "location",
    "work_mode",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "source",
    "referrer_id",
    "description",
    "notes",
    "language",
)

WORK_MODES = (
    (WorkMode.ONSITE.value, "On site"),
    (WorkMode.HYBRID.value, "Hybrid"),
    (WorkMode.REMOTE.value, "Remote"),
)
PERIODS = tuple((p.value, f"a {p.value}") for p in Period)
SOURCES = (
    (Source.JOB_BOARD.value, "A job board"),
    (Source.COMPANY_SITE.value, "The company's site"),
    (Source.REFERRAL.value, "A referral"),
    (Source.RECRUITER.value, "A recruiter"),
    (Source.OTHER.value, "Something else"),
)
LANGUAGES = (("en", "English"), ("de", "German"), ("fr", "French"), ("es", "Spanish"))


def details(form: FormData, errors: Errors) -> dict[str, Any]:
    """The details as the domain's inputs take them; what doesn't parse is an error beside it."""
    return {
        "role": text(form, "role"),
        "applied_on": optional_date(form, errors, "applied_on", "applied date"),
        "source_url": optional(form, "source_url"),
        "requisition_id": optional(form, "requisition_id"),
        "location": optional(form, "location"),
        "work_mode": optional(form, "work_mode"),
        "salary_min": whole_number(form, errors, "salary_min", "lowest salary"),
        "salary_max": whole_number(form, errors, "salary_max", "highest salary"),
        "salary_currency": optional(form, "salary_currency"),
        "salary_period": optional(form, "salary_period"),
        "source": optional(form, "source"),
        "referrer_id": form_id(form, "referrer_id", "person"),
        "description": text(form, "description"),
        "notes": text(form, "notes"),
        "language": optional(form, "language"),
    }


def typed(app: Application) -> dict[str, str]:
    """An application's details as the edit form shows them."""
    salary = app.salary
    return {
        "role": app.role,
        "applied_on": app.applied_on.isoformat() if app.applied_on else "",
        "source_url": app.source_url or "",
        "requisition_id": app.requisition_id or "",
        "location": app.location or "",
        "work_mode": app.work_mode.value if app.work_mode else "",
        "salary_min": _number(salary.minimum if salary else None),
        "salary_max": _number(salary.maximum if salary else None),
        "salary_currency": (salary.currency or "") if salary else "",
        "salary_period": salary.period.value if salary and salary.period else "",
        "source": app.source.value if app.source else "",
        "referrer_id": str(app.referrer_id or ""),
        "description": app.description,
        "notes": app.notes,
        "language": app.language or "",
        "revision": str(app.revision),
    }


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def choices(people: list[tuple[int, str]]) -> dict[str, Any]:
    """What the form's selects offer; ``people`` are (id, name) for the referrer."""
    return {
        "work_modes": WORK_MODES,
        "periods": PERIODS,
        "sources": SOURCES,
        "referrers": people,
        "languages": LANGUAGES,
    }
