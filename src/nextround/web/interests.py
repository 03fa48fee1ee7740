"""Settings: the roles you look for (``[interests]``), matched at watched companies.

Its own form on the settings page, saved like `nextround watch interests`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import InvalidInput
from nextround.services import interests
from nextround.web.pages import CheckedForm, redirect, templates
from nextround.web.settings import page_with
from nextround.web.state import Ctx, settings_of, web_state

router = APIRouter(include_in_schema=False)

#: How the form offers the remote choice: (value, label).
REMOTE_CHOICES = (("any", "Either"), ("yes", "Remote only"), ("no", "Not remote"))


def _saved(request: Request) -> dict[str, str]:
    return interests.as_form(settings_of(request).interests)


templates.env.globals.update(saved_interests=_saved, remote_choices=REMOTE_CHOICES)


@router.post("/settings/interests")
def save(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    typed = {}
    for name, _ in interests.FORM_FIELDS:
        value = form.get(name)
        typed[name] = value.replace("\r\n", "\n") if isinstance(value, str) else ""
    try:
        fresh = interests.save_form(ctx, typed)
    except InvalidInput as exc:
        field = f"interests.{exc.field}"
        if field not in typed:
            field = "interests.titles"
        return page_with(request, ctx, {field: exc.message}, {"interests_typed": typed})
    web_state(request).use_settings(fresh)
    return redirect("/settings?saved=1#interests")
