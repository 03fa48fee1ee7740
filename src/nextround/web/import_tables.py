"""The Import page for another tracker's CSV or XLSX: the column mapping shown and corrected.

The preview of a spreadsheet shows which column fills each field (guessed from
the header, or a saved mapping), the file's status words and where each goes
in nextround's pipeline, and the day/month order of its dates; the user
corrects any of them and previews again (``POST /import/preview``), then
imports with the mapping shown, optionally saving it by name for next time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.errors import InvalidInput
from nextround.services import import_mapping
from nextround.services.context import Context
from nextround.services.import_tables import TableImport, TableOptions, import_table
from nextround.services.imports import ImportReport
from nextround.web import uploads
from nextround.web.fields import sentence
from nextround.web.pages import render, text

#: Each field a column can fill, as the page names it.
FIELD_LABELS = {
    "company": "Company",
    "role": "Role",
    "status": "Status",
    "applied_on": "Date applied",
    "source_url": "Link to the posting",
    "salary": "Salary",
    "location": "Location",
    "notes": "Notes",
    "contact_name": "Contact's name",
    "contact_email": "Contact's email",
    "contact_title": "Contact's job title",
}
DATE_ORDERS = {"dmy": "Day first (31/12/2026)", "mdy": "Month first (12/31/2026)"}
_ROWS = 500
#: Said when Import is pressed on a mapping changed since its preview.
CHANGED = (
    "You changed the mapping since the preview, so nothing was imported yet. "
    "This is what it would do now; press Import to confirm."
)
#: The command line's way to name a column, said the page's way instead.
_CLI_HINT = re.compile(r"; (?:name|correct) it with --column \S+")


def options(form: FormData | None) -> TableOptions:
    """The mapping the form shows, with the user's corrections; a newly chosen saved
    mapping starts afresh from what it says."""
    if form is None:
        return TableOptions()
    mapping = text(form, "mapping") or None
    save_as = text(form, "save_as") or None
    if mapping != (text(form, "mapping_was") or None):
        return TableOptions(mapping=mapping, save_as=save_as)
    columns = {
        key.removeprefix("column-"): text(form, key)
        for key in form
        if key.startswith("column-") and key.removeprefix("column-") in FIELD_LABELS
    }
    statuses = {
        text(form, f"status-word-{i}"): text(form, f"status-{i}")
        for i in range(_ROWS)
        if f"status-word-{i}" in form and text(form, f"status-{i}")
    }
    return TableOptions(
        mapping=mapping,
        columns=columns,
        statuses=statuses,
        date_order=text(form, "date_order") or None,
        save_as=save_as,
    )


def preview(
    request: Request,
    ctx: Context,
    kind: str,
    upload: uploads.Upload,
    chosen: TableOptions,
    *,
    problem: str | None = None,
) -> Response | str:
    """The dry run with its mapping; the problem, when the file has no table to map (the
    caller shows it beside the file field)."""
    try:
        with upload.path.open("rb") as data:
            done: TableImport | None = import_table(
                ctx,
                data,
                name=upload.name,
                options=chosen,
                mappings_file=import_mapping.mappings_file(ctx),
                dry_run=True,
            )
    except InvalidInput as exc:
        error = sentence(_CLI_HINT.sub("; choose its column below", exc.message))
        done, problem = None, error if problem in (None, CHANGED) else f"{problem} {error}"
    editor = _editor(ctx, upload, chosen, done)
    if editor is None:
        return problem or "This file has no table to import."
    report = done.report if done else None
    context: dict[str, Any] = {
        "title": f"Import {upload.name}?",
        "report": report,
        "upload": upload,
        "kind": kind,
        "label": "Another tracker or a spreadsheet",
        "rows": report.rows[:_ROWS] if report else (),
        "skipped": [r for r in report.rows if r.outcome.value == "skipped"][:_ROWS]
        if report
        else [],
        "shown": _ROWS,
        "table": editor,
        "problem": problem,
        "previewed": _shown(editor) if report else "",
    }
    # A mapping still to correct is a step of the import, not a failed request: 200.
    return render(request, "imports/preview.html", context)


def _editor(
    ctx: Context, upload: uploads.Upload, chosen: TableOptions, done: TableImport | None
) -> dict[str, Any] | None:
    """What the mapping editor shows: from the dry run, else from the header alone."""
    if done is not None:
        header, columns = done.header, done.mapping.columns
        order, statuses = done.mapping.date_order, done.statuses
    else:
        try:
            with upload.path.open("rb") as data:
                shape = import_mapping.table_shape(ctx, data, upload.name, chosen.mapping)
        except InvalidInput:
            return None
        header, order, statuses = shape.header, shape.date_order, ()
        typed = {f: c for f, c in chosen.columns.items() if c in shape.header}
        columns = {**shape.columns, **typed}
        columns = {f: c for f, c in columns.items() if chosen.columns.get(f, c)}
    return {
        "header": [h for h in header if h.strip()],
        "columns": columns,
        "date_order": chosen.date_order or order or "",
        "statuses": statuses,
        "fields": FIELD_LABELS,
        "required": import_mapping.REQUIRED,
        "date_orders": DATE_ORDERS,
        "pipeline": import_mapping.PIPELINE,
        "saved": import_mapping.saved_mappings(ctx),
        "mapping": chosen.mapping or "",
        "save_as": chosen.save_as or "",
    }


def twice(form: FormData) -> str | None:
    """A column chosen for two fields, said as the problem to correct; None when none is."""
    seen: dict[str, str] = {}
    for field, label in FIELD_LABELS.items():
        column = text(form, f"column-{field}")
        if column and column in seen:
            return (
                f"The column {column!r} is chosen for both {seen[column]} and {label}; "
                "a column fills one field, so choose another for one of them."
            )
        seen.setdefault(column, label) if column else None
    return None


def _shown(editor: dict[str, Any]) -> str:
    """The mapping as the preview shows it (what its form will send back), as a digest."""
    statuses = [(s.source.strip(), s.status.value) for s in editor["statuses"] if s.source.strip()]
    return _digest(
        editor["mapping"],
        {f: editor["columns"].get(f, "").strip() for f in FIELD_LABELS},
        editor["date_order"],
        statuses,
    )


def changed_since_preview(form: FormData) -> bool:
    """Whether the mapping sent differs from the one the preview was made with."""
    statuses = []
    i = 0
    while f"status-word-{i}" in form:
        if word := text(form, f"status-word-{i}"):
            statuses.append((word, text(form, f"status-{i}")))
        i += 1
    sent = _digest(
        text(form, "mapping"),
        {f: text(form, f"column-{f}") for f in FIELD_LABELS},
        text(form, "date_order"),
        statuses,
    )
    return not hmac.compare_digest(sent, text(form, "previewed"))


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def confirm(ctx: Context, upload: uploads.Upload, form: FormData) -> ImportReport:
    """The import for real, with the mapping the preview showed (and saved, if named)."""
    with upload.path.open("rb") as data:
        done = import_table(
            ctx,
            data,
            name=upload.name,
            options=options(form),
            mappings_file=import_mapping.mappings_file(ctx),
        )
    return done.report
