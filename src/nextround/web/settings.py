"""Settings: the playbook's steps and offsets, the LinkedIn limit, who drafts are from, SMTP.

Saved to config.toml by the settings service; the running app switches to
the saved settings at once. The SMTP password is never shown or taken here.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.services import cards, settings
from nextround.web.pages import CheckedForm, redirect, render
from nextround.web.state import Ctx, web_state

router = APIRouter(include_in_schema=False)


@router.get("/settings")
def settings_page(request: Request, ctx: Ctx, saved: str = "") -> Response:
    form = settings.current(ctx)
    flash = "Saved. New plans use these settings from now on." if saved else None
    return _page(request, form, {}, flash=flash)


@router.post("/settings")
def save(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    values = {name: _raw(form, name) for name in settings.FIELDS if name in form}
    steps = [v for v in form.getlist("playbook.steps") if isinstance(v, str)]
    free = form.get("linkedin.free_account") == "on"
    try:
        fresh = settings.save(ctx, values, steps, free)
    except settings.InvalidSettings as exc:
        shown = settings.current(ctx)
        typed = settings.SettingsForm(
            {**shown.values, **values},
            frozenset(steps),
            free,
            shown.password,
            shown.path,
            shown.hosted,
        )
        return _page(request, typed, exc.fields, status=422)
    web_state(request).use_settings(fresh)
    return redirect("/settings?saved=1")


def page_with(
    request: Request, ctx: Ctx, errors: dict[str, str], extra: dict[str, object]
) -> Response:
    """The settings page as saved, with one section's typed values and errors (422)."""
    return _page(request, settings.current(ctx), errors, status=422, extra=extra)


@router.post("/setup")
def setup(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """The first page's "who you are": saved like `nextround setup`, then back to it."""
    values = {name: _raw(form, name) for name in settings.PROFILE if name in form}
    try:
        fresh = settings.save_profile(ctx, values)
    except settings.InvalidSettings as exc:
        from nextround.web.agenda import welcome

        return welcome(request, ctx, values, exc.fields, status=422)
    web_state(request).use_settings(fresh)
    return redirect("/?setup=1")


def _raw(form: FormData, name: str) -> str:
    """As typed, but with plain line breaks (browsers send a textarea's as CRLF)."""
    value = form.get(name)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else ""


def _page(
    request: Request,
    form: settings.SettingsForm,
    errors: dict[str, str],
    *,
    flash: str | None = None,
    status: int = 200,
    extra: dict[str, object] | None = None,
) -> Response:
    context: dict[str, object] = {
        "title": "Settings",
        "form": form,
        "errors": errors,
        "offsets": settings.OFFSETS,
        "steps": settings.STEP_CHOICES,
        "languages": settings.LANGUAGE_CHOICES,
        "card_sizes": list(cards.SIZE_LABELS.items()),
        "card_sheets": list(cards.SHEET_LABELS.items()),
        "flash": flash,
        **(extra or {}),
    }
    return render(request, "settings.html", context, status=status)
