"""The Import page: upload a file, see what it would do (a dry run), confirm to import it.

1. ``GET /import``: choose the file and its kind.
2. ``POST /import``: the file is kept aside (:mod:`nextround.web.uploads`) and
   read as a dry run; the preview lists what would be created, matched,
   updated and skipped, with line numbers.
3. ``POST /import/confirm``: the same file imported for real, in one
   transaction, then the page says what was done, with Undo.
   ``POST /import/cancel`` forgets the file.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from nextround.domain.imports import KINDS, Outcome
from nextround.errors import InvalidInput
from nextround.services import imports
from nextround.services.context import Context
from nextround.services.import_tables import TableOptions
from nextround.services.imports import ImportReport
from nextround.web import import_tables, uploads
from nextround.web.fields import Errors, record
from nextround.web.pages import CheckedForm, changed, redirect, render, text
from nextround.web.state import Ctx

router = APIRouter(include_in_schema=False)

#: Each kind of file as the page offers it: (label, hint).
LABELS: dict[str, tuple[str, str]] = {
    "linkedin": (
        "LinkedIn data export",
        "The .zip LinkedIn emails you, or Connections.csv or Invitations.csv from it.",
    ),
    "google": ("Google Contacts", "The CSV that contacts.google.com exports."),
    "vcard": (
        "Address book (vCard)",
        "A .vcf file from Apple Contacts, Outlook, Thunderbird or your phone.",
    ),
    "csv": (
        "Another tracker or a spreadsheet",
        "A CSV or XLSX file of your applications, one row each.",
    ),
}
#: Rows listed in a preview; the counts always cover every row.
SHOWN = 500


def kinds() -> list[str]:
    """The kinds this version can import, in the order of :data:`KINDS`."""
    return [k for k in KINDS if k in imports.READERS or k == "csv"]


@router.get("/import")
def import_page(request: Request, kind: str = "", done: str = "") -> Response:
    return _form(request, {"kind": kind}, {}, done=_done(done))


@router.post("/import")
def preview(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    chosen = form.get("file")
    try:
        return _upload(request, ctx, text(form, "kind"), chosen)
    finally:
        if isinstance(chosen, UploadFile):
            chosen.file.close()  # the server's spooled copy: ours is kept aside


def _upload(request: Request, ctx: Context, kind: str, chosen: object) -> Response:
    errors: Errors = {}
    if kind not in kinds():
        errors["kind"] = "Choose what kind of file this is."
    if not isinstance(chosen, UploadFile) or not chosen.filename:
        errors["file"] = "Choose the file to import."
    if errors or not isinstance(chosen, UploadFile):
        return _form(request, {"kind": kind}, errors, status=422)
    try:
        upload = uploads.save(chosen.file, chosen.filename or "", ctx.owner)
    except InvalidInput as exc:
        record(errors, exc, "file", ("file",))
        return _form(request, {"kind": kind}, errors, status=422)
    return _preview(request, ctx, kind, upload)


def _preview(request: Request, ctx: Context, kind: str, upload: uploads.Upload) -> Response:
    if kind == "csv":
        return _table_preview(request, ctx, upload, import_tables.options(None))
    try:
        with upload.path.open("rb") as data:
            report = imports.import_file(ctx, kind, data, name=upload.name, dry_run=True)
    except InvalidInput as exc:
        uploads.discard(upload)
        errors: Errors = {}
        record(errors, exc, "file", ("file", "kind"))
        return _form(request, {"kind": kind}, errors, status=422)
    context = {
        "title": f"Import {upload.name}?",
        "report": report,
        "upload": upload,
        "kind": kind,
        "label": LABELS.get(kind, (kind, ""))[0],
        "rows": report.rows[:SHOWN],
        "skipped": [r for r in report.rows if r.outcome is Outcome.SKIPPED][:SHOWN],
        "shown": SHOWN,
    }
    return render(request, "imports/preview.html", context)


def _table_preview(
    request: Request,
    ctx: Context,
    upload: uploads.Upload,
    chosen: TableOptions,
    note: str | None = None,
) -> Response:
    shown = import_tables.preview(request, ctx, "csv", upload, chosen, problem=note)
    if isinstance(shown, Response):
        return shown
    uploads.discard(upload)
    return _form(request, {"kind": "csv"}, {"file": shown}, status=422)


@router.post("/import/preview")
def preview_again(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """A spreadsheet previewed again with its mapping as corrected."""
    upload = uploads.find(text(form, "token"), text(form, "name"), ctx.owner)
    return _table_preview(
        request, ctx, upload, import_tables.options(form), import_tables.twice(form)
    )


@router.post("/import/confirm")
def confirm(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    kind = text(form, "kind")
    if kind not in kinds():
        raise InvalidInput("Choose what kind of file this is.", field="kind")
    upload = uploads.find(text(form, "token"), text(form, "name"), ctx.owner)
    if kind == "csv":
        if (twice := import_tables.twice(form)) or import_tables.changed_since_preview(form):
            return _table_preview(
                request, ctx, upload, import_tables.options(form), twice or import_tables.CHANGED
            )
        try:
            report = import_tables.confirm(ctx, upload, form)
        except InvalidInput:  # the mapping can't be used: the preview says why
            return _table_preview(request, ctx, upload, import_tables.options(form))
    else:
        with upload.path.open("rb") as data:
            report = imports.import_file(ctx, kind, data, name=upload.name)
    uploads.discard(upload)
    return changed(f"/import?kind={kind}&done={_counted(report)}", ctx)


@router.post("/import/cancel")
def cancel(form: CheckedForm, ctx: Ctx) -> Response:
    with suppress(InvalidInput):  # already gone: nothing to forget
        uploads.discard(uploads.find(text(form, "token"), text(form, "name"), ctx.owner))
    return redirect("/import")


def _counted(report: ImportReport) -> str:
    """The counts as the page's address carries them: ``created-3.matched-1...``."""
    return ".".join(f"{what}-{n}" for what, n in report.counts.items())


def _done(value: str) -> dict[str, int] | None:
    """The counts an import left in the address, if well formed."""
    found: dict[str, int] = {}
    for part in value.split(".") if value else ():
        what, _, n = part.partition("-")
        if what not in {o.value for o in Outcome} or not n.isdigit() or len(n) > 9:
            return None
        found[what] = int(n)
    return found or None


def _form(
    request: Request,
    typed: dict[str, str],
    errors: Errors,
    *,
    done: dict[str, int] | None = None,
    status: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "title": "Import",
        "kinds": [(k, *LABELS.get(k, (k, ""))) for k in kinds()],
        "values": typed,
        "errors": errors,
        "done": done,
        "max_mb": uploads.MAX_BYTES // (1024 * 1024),
    }
    return render(request, "imports/form.html", context, status=status)
