"""``DELETE /api/v1/account``: a user deletes their own account and everything in it.

The body proves it is them: their ``password``, or for a user without one their
``email``. Everything of theirs goes in one transaction, their sessions and API
tokens with it (so the token that sent the request is refused from then on).
Taking everything along first is ``GET /api/v1/export``: the user's own rows only.
"""

from __future__ import annotations

from fastapi import Request, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from nextround.services import account
from nextround.web.api import api_router
from nextround.web.api.schemas import Shape
from nextround.web.sessions import SESSION_COOKIE
from nextround.web.state import Ctx, web_state

router = api_router("account")


class DeleteAccountIn(Shape):
    password: str = Field(default="", max_length=1024, description="Your password")
    email: str = Field(
        default="", max_length=320, description="Your email, if your account has no password"
    )


class DeletedOut(Shape):
    email: str = Field(description="The account deleted")
    counts: dict[str, int] = Field(description="Rows deleted per table")


@router.delete("/account")
async def delete_account(
    request: Request, response: Response, body: DeleteAccountIn, ctx: Ctx
) -> DeletedOut:
    """Delete your account and all your data, for good (download ``/api/v1/export`` first)."""
    gone = await run_in_threadpool(
        account.delete_own,
        ctx,
        password=body.password,
        email=body.email,
        throttle=web_state(request).throttle,
        client=request.client.host if request.client else "",
    )
    response.delete_cookie(SESSION_COOKIE, path="/")  # a browser's session went with it
    return DeletedOut(email=gone.email, counts=gone.counts)
