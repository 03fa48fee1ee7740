"""Record ids in paths and queries: a number no row can have is simply not found.

FastAPI reads ``/companies/{company_id}`` as any whole number, however large.
An id past what a row can hold (2**31 - 1) must not reach the database (SQLite
refuses integers past 2**63 with an exception, not an answer), so each id is
checked by the same rule the services apply, while the request is parsed: too
large, zero or negative is a 404, like any id that matches nothing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from nextround.domain import rules


def _checked(noun: str) -> AfterValidator:
    # rules.record_id raises NotFound, which pydantic lets through (it only gathers
    # ValueError): the request ends there with the one 404 of the error mapping.
    return AfterValidator(lambda value: rules.record_id(value, noun))


CompanyId = Annotated[int, _checked("company")]
PersonId = Annotated[int, _checked("person")]
ApplicationId = Annotated[int, _checked("application")]
InterviewId = Annotated[int, _checked("interview")]
EntryId = Annotated[int, _checked("journal entry")]
TaskId = Annotated[int, _checked("task")]
ChangeId = Annotated[int, _checked("change")]
SuggestionId = Annotated[int, _checked("mail suggestion")]
#: Users on the two sides of a coach's grant (:mod:`nextround.web.coach`).
SeekerId = Annotated[int, _checked("job seeker")]
CoachId = Annotated[int, _checked("coach")]
