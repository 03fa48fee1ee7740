"""Following a company from the web: the watch section's buttons on the company page, one
click at a rejection, the "What's new" page, and the setting that watches at every no.

Nothing here goes on the network except "Run now" and a website given to find a
feed on, and only to the addresses the user gave.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.domain.watch import NewWatch, Watch
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import applications, watch, watch_discover, watch_settings, watch_views
from nextround.services.context import Context
from nextround.web.fields import Errors, optional, record
from nextround.web.ids import ApplicationId, CompanyId
from nextround.web.pages import CheckedForm, changed, redirect, render, templates
from nextround.web.state import Ctx, context, settings_of, web_state

router = APIRouter(include_in_schema=False)

FIELDS = ("board", "feed", "site")


def _watched(request: Request, company_id: int) -> Watch | None:
    """For a page's template: the company's watch (the logged-in user's), or None."""
    ctx = context(request)
    try:
        return watch.watch_of(ctx, company_id)
    except NotFound:
        return None


def _after_rejection(request: Request) -> bool:
    return settings_of(request).watch.after_rejection


templates.env.globals.update(watched_company=_watched, watch_after_rejection=_after_rejection)


def section(
    ctx: Context, company_id: int, *, ran: bool = False, needed: bool = False
) -> dict[str, Any]:
    """What the company page's watch section needs (``ran``: just read; ``needed``: the one
    click at a rejection found no board to watch)."""
    values: dict[str, Any] = {
        "w": watch_views.company_watch(ctx, company_id),
        "watch_typed": {},
        "watch_errors": {},
        "watch_needed": needed,
    }
    if ran:
        values["flash"] = "Read just now; what was found is below."
    return values


def _company_page(
    request: Request, ctx: Context, company_id: int, typed: dict[str, str], errors: Errors
) -> Response:
    from nextround.web.companies import show_page

    extra = section(ctx, company_id) | {"watch_typed": typed, "watch_errors": errors}
    return show_page(request, ctx, company_id, extra=extra, status=422)


@router.post("/companies/{company_id}/watch")
def add(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    typed = {name: str(form.get(name) or "") for name in FIELDS}
    new = NewWatch(company_id, optional(form, "board"), optional(form, "feed"))
    site = optional(form, "site")
    try:
        if site:
            watch_discover.add_with_site(ctx, new, site)
        else:
            watch.add_watch(ctx, new)
    except (InvalidInput, Conflict) as exc:
        errors: Errors = {}
        if isinstance(exc, InvalidInput):
            record(errors, exc, "board", FIELDS)
        else:
            errors["board"] = exc.message
        return _company_page(request, ctx, company_id, typed, errors)
    return changed(f"/companies/{company_id}#watch", ctx)


@router.post("/companies/{company_id}/watch/feed")
def feed(request: Request, company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    """A watched company's news feed: the address given, or found on the website given."""
    typed = {name: str(form.get(name) or "") for name in ("feed", "site")}
    try:
        watch_discover.set_feed(ctx, company_id, optional(form, "feed"), optional(form, "site"))
    except InvalidInput as exc:
        errors: Errors = {}
        record(errors, exc, "feed", ("feed", "site"))
        return _company_page(request, ctx, company_id, typed, errors)
    return changed(f"/companies/{company_id}#watch", ctx)


@router.post("/companies/{company_id}/watch/stop")
def stop(company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    watch.remove_watch(ctx, watch.watch_of(ctx, company_id).id)
    return changed(f"/companies/{company_id}#watch", ctx)


@router.post("/companies/{company_id}/watch/run")
def run(company_id: CompanyId, form: CheckedForm, ctx: Ctx) -> Response:
    watch.run_watches(ctx, [watch.watch_of(ctx, company_id).id], everything=True)
    return redirect(f"/companies/{company_id}?ran=1#watch")


@router.post("/applications/{app_id}/watch")
def after_rejection(app_id: ApplicationId, form: CheckedForm, ctx: Ctx) -> Response:
    """The one click at a rejection: watch the company if its board is known, else go to
    its page to say where the board (or the news feed) is."""
    app = applications.show_application(ctx, app_id).application
    offer = watch.watch_after_rejection(ctx, app.company_id)
    if offer.watch is None:
        return redirect(f"/companies/{app.company_id}?board=needed#watch")
    return changed(f"/companies/{app.company_id}#watch", ctx)


@router.get("/whats-new")
def whats_new(request: Request, ctx: Ctx, days: int = watch_views.DEFAULT_DAYS) -> Response:
    found = watch_views.whats_new(ctx, days)
    return render(
        request, "whats_new.html", {"title": "What's new", "n": found, "today": ctx.today}
    )


@router.post("/settings/watch")
def save_setting(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    on = form.get("watch.after_rejection") == "on"
    web_state(request).use_settings(watch_settings.save_after_rejection(ctx, on))
    return redirect("/settings?saved=1#watching")
