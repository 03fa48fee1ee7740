"""What the company and person pages share: adding one (with a second chance on a
look-alike), saving an edit, merging one entered twice, and the edit page shown again
with why a change didn't happen.

Each page module passes its own pages in: a :class:`NewPage` and an :class:`EditPage`
(usually its page function with the request and the record already given).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Protocol

from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.errors import Conflict, Duplicate, InvalidInput, NextroundError
from nextround.services import forms
from nextround.services.context import Context
from nextround.services.results import Merged
from nextround.web.fields import Errors, form_id, record, sentence, values
from nextround.web.pages import changed, record_path, redirect, revision, text


class _Record(Protocol):
    @property
    def id(self) -> int: ...


class NewPage(Protocol):
    """The add form, again: as typed, with its token, and why it wasn't added."""

    def __call__(
        self,
        typed: dict[str, str],
        token: str,
        errors: Errors,
        *,
        twin: int | None = None,
        status: int = 200,
    ) -> Response: ...


class EditPage(Protocol):
    """The edit form of one record: as stored, or as typed (with the revision it started from)."""

    def __call__(
        self,
        errors: Errors,
        *,
        typed: dict[str, str] | None = None,
        started_from: str | None = None,
        status: int = 200,
    ) -> Response: ...


def stored(found: object, fields: Collection[str]) -> dict[str, str]:
    """A record's fields as its edit form shows them (None as empty)."""
    return {key: str(getattr(found, key) or "") for key in fields}


def create(
    ctx: Context,
    form: FormData,
    kind: str,
    fields: Collection[str],
    add: Callable[[bool, str], _Record],
    again: NewPage,
    *,
    back: str,
    look_alikes: type[Conflict] = Duplicate,
) -> Response:
    """Add through ``add(allow_duplicate, form_token)``; a look-alike is a 409 naming it."""
    typed = values(form, *fields)
    token = text(form, "form_token")
    errors: Errors = {}
    try:
        added = add(text(form, "allow_duplicate") == "yes", token)
    except forms.AlreadySubmitted as done:
        return redirect(record_path(done.kind, done.id))
    except InvalidInput as exc:
        record(errors, exc, "name", fields)
    except look_alikes as exc:
        errors["name"] = sentence(exc.message)
        twin = exc.existing_id if isinstance(exc, Duplicate) else None
        return again(typed, token, errors, twin=twin, status=409)
    else:
        return changed(record_path(kind, added.id), ctx, back=back)
    return again(typed, token or forms.new_token(), errors, status=422)


def save(
    ctx: Context,
    form: FormData,
    location: str,
    fields: Collection[str],
    edit: Callable[[int], object],
    again: EditPage,
) -> Response:
    """Save through ``edit(revision the form started from)``; refusals beside their fields."""
    started_from = revision(form)
    try:
        edit(started_from)
    except InvalidInput as exc:
        errors: Errors = {}
        record(errors, exc, "form", fields)
        typed = values(form, *fields)
        return again(errors, typed=typed, started_from=str(started_from), status=422)
    return changed(location, ctx)


def merge(
    ctx: Context, form: FormData, noun: str, merge_into: Callable[[int], Merged], again: EditPage
) -> Response:
    """Fold the record into the one the form chose; see that one."""
    into = form_id(form, "into", noun)
    try:
        if into is None:
            raise InvalidInput(f"choose the {noun} to merge this one into")
        merged = merge_into(into)
    except InvalidInput as exc:
        return refused(again, "into", exc, 422)
    return changed(record_path(noun, merged.into_id), ctx)


def refused(again: EditPage, field: str, exc: NextroundError, status: int) -> Response:
    """The edit page again, with why a delete or a merge didn't happen beside its button."""
    return again({field: sentence(exc.message)}, status=status)
