"""``/api/v1/mail/suggestions``: the review queue grouped, and decided many at a time.

``GET`` lists what the scans found by company and application, the newest
first (as ``nextround mail review --json``), a page of groups at a time. ``POST .../confirm`` and
``POST .../dismiss`` take ``ids``, or ``company``, and decide them all in one
change (``POST /api/v1/undo`` takes it back), or none of them when one can't
be: the error names it. Confirming by company needs ``"yes": true``, since it
moves applications and runs rejections' playbooks.
"""

from __future__ import annotations

from typing import Any

from fastapi import Query, Request, Response
from pydantic import Field

from nextround.errors import InvalidInput
from nextround.services import mail_groups
from nextround.services.paging import Page
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.paging import Paging, paged
from nextround.web.state import Ctx

router = api_router("mail")


class GroupOut(Shape):
    heading: str
    company: str | None
    company_id: int | None
    application_id: int | None
    role: str | None
    newest: str | None = Field(description="When its newest message came (UTC)")
    suggestions: list[dict[str, Any]] = Field(description="Newest first")


class ReviewOut(Shape):
    count: int = Field(description="How many suggestions are listed (on this page)")
    folded: int = Field(description="Newsletters and job alerts folded away")
    groups: list[GroupOut] = Field(description="The group with the newest mail first")


class DecideIn(Shape):
    ids: list[int] = Field(default_factory=list, max_length=10_000)
    company: str | None = Field(
        None, max_length=300, description="Every pending one about this company, instead of ids"
    )
    yes: bool = Field(False, description="Needed to confirm by company")


class DecidedOut(Shape):
    decided: list[dict[str, Any]] = Field(description="The suggestions, as they are now")


@router.get("/mail/suggestions")
def suggestions(
    request: Request,
    response: Response,
    ctx: Ctx,
    window: Paging,
    include_decided: bool = Query(False, alias="all", description="Also decided and folded"),
    folded: bool = Query(False, description="Only the newsletters and job alerts folded away"),
) -> ReviewOut:
    """What the scans found, by company and application, the newest first: ``groups`` is
    one page of groups (``limit`` counts groups; ``cursor``, the ``Link`` header)."""
    found = mail_groups.grouped(ctx, include_decided=include_decided, folded=folded, window=window)
    paged(request, response, Page(list(found.groups), found.next_cursor))
    return ReviewOut.model_validate(found.to_json())


@router.post("/mail/suggestions/confirm")
def confirm(ctx: Ctx, body: DecideIn) -> DecidedOut:
    """Confirm them all (a rejection runs its playbook), or none."""
    if body.company is not None and not body.yes:
        raise InvalidInput(
            "confirming every message about a company moves their applications; "
            'send "yes": true to go ahead',
            field="yes",
        )
    done = mail_groups.confirm_many(ctx, _ids(ctx, body))
    return DecidedOut(decided=[s.to_json() for s in done])


@router.post("/mail/suggestions/dismiss")
def dismiss(ctx: Ctx, body: DecideIn) -> DecidedOut:
    """Dismiss them all, or none."""
    done = mail_groups.dismiss_many(ctx, _ids(ctx, body))
    return DecidedOut(decided=[s.to_json() for s in done])


@router.post("/mail/suggestions/unfold")
def unfold(ctx: Ctx, body: DecideIn) -> DecidedOut:
    """Newsletters and job alerts folded away by mistake: back in the review queue, all or none."""
    if body.company is not None or not body.ids:
        raise InvalidInput("send the ids of the folded suggestions to put back", field="ids")
    done = mail_groups.unfold_many(ctx, body.ids)
    return DecidedOut(decided=[s.to_json() for s in done])


def _ids(ctx: Ctx, body: DecideIn) -> list[int]:
    if body.company is not None and body.ids:
        raise InvalidInput("send ids or company, not both", field="ids")
    if body.company is not None:
        return mail_groups.of_company(ctx, body.company)
    return body.ids
