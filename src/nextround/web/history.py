"""Undo and the trash: the Undo button every change offers, and the deleted records
waiting 30 days to be restored or forgotten."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.services import history
from nextround.web import flash
from nextround.web.fields import form_id
from nextround.web.ids import ChangeId
from nextround.web.pages import CheckedForm, changed, local_path, redirect, render, text
from nextround.web.paging import Paging, links
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)


@router.post("/undo")
def undo(form: CheckedForm, ctx: Ctx) -> Response:
    """Take back the change the page offered to undo, if nothing came after it."""
    done = history.undo(ctx, form_id(form, "change_id", "change"))
    return flash.after_undo(redirect(local_path(text(form, "next"), "/")), done.change.id)


@router.get("/trash")
def trash_page(request: Request, ctx: Ctx, window: Paging, emptied: int = -1) -> Response:
    """Newest first, 100 a page (``limit``, ``cursor``)."""
    found = {
        0: "The trash was already empty.",
        1: "Emptied the trash: one deletion is gone for good.",
    }
    flash_text = found.get(emptied, f"Emptied the trash: {emptied} deletions are gone for good.")
    page = history.trash_page(ctx, window)
    context = {
        "title": "Trash",
        "items": page.items,
        "flash": flash_text if emptied >= 0 else None,
        **links(request, page),
    }
    return render(request, "trash.html", context)


@router.post("/trash/{change_id}/restore")
def restore(change_id: ChangeId, form: CheckedForm, ctx: Ctx) -> Response:
    """Bring a deletion back; it can be undone again (back to the trash)."""
    done = history.restore(ctx, change_id)
    if done.restoring_change is None:  # it was the latest change: restoring undid it
        return flash.after_undo(redirect("/trash"), done.change_id)
    return changed("/trash", ctx)


@router.post("/trash/empty")
def empty(form: CheckedForm, ctx: Ctx) -> Response:
    return redirect(f"/trash?emptied={history.empty_trash(ctx)}")
