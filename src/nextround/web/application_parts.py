"""Records shown on their application's page (interviews, journal entries): where each one
stands on that page, adding one from there, its edit page, and where a delete leads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fastapi import Request
from starlette.datastructures import FormData
from starlette.responses import Response

from nextround.domain.applications import Application
from nextround.errors import InvalidInput
from nextround.services import forms
from nextround.services.context import Context
from nextround.web.applications import application_page
from nextround.web.fields import Errors, record, values
from nextround.web.pages import changed, record_path, redirect, render, text


class _View(Protocol):
    @property
    def application(self) -> Application: ...


@dataclass(frozen=True)
class Part:
    """One kind of record shown on the application's page."""

    #: The kind as services name it (``forms.AlreadySubmitted``, :func:`record_path`).
    kind: str
    #: Its element ids there: ``interview`` is ``#interview-7``.
    anchor: str
    #: The section of the page that lists them (where a delete leads).
    section: str
    #: Its add form on that page: ``interview`` sends ``interview_form_token`` back.
    form: str
    #: The add form's fields, and the one an error naming none is shown beside.
    fields: tuple[str, ...]
    default: str
    #: Its edit page.
    template: str

    def url(self, app_id: int, part_id: int) -> str:
        return f"/applications/{app_id}#{self.anchor}-{part_id}"

    def shown(self, view: _View, part_id: int) -> Response:
        """A record of this kind is shown on its application's page."""
        return redirect(self.url(view.application.id, part_id))

    def deleted(self, ctx: Context, app_id: int) -> Response:
        """After a delete: the application's page, at the list the record was in."""
        return changed(f"/applications/{app_id}#{self.section}", ctx)

    def add(
        self,
        request: Request,
        ctx: Context,
        app_id: int,
        form: FormData,
        errors: Errors,
        adding: Callable[[str | None], int] | None = None,
    ) -> Response:
        """``adding(form token)`` adds one and returns its id: it is seen on the application's
        page; else the page comes back as typed, with why. Without ``adding`` (the form didn't
        parse), the page comes back at once."""
        if adding is not None:
            try:
                part_id = adding(text(form, "form_token") or None)
            except forms.AlreadySubmitted as done:
                return redirect(record_path(done.kind, done.id))
            except InvalidInput as exc:
                record(errors, exc, self.default, self.fields)
            else:
                return changed(self.url(app_id, part_id), ctx)
        typed = {**values(form, *self.fields), f"{self.form}_form_token": text(form, "form_token")}
        return application_page(request, ctx, app_id, typed=typed, errors=errors)

    def edit_page(
        self,
        request: Request,
        view: _View,
        part_id: int,
        title: str,
        typed: dict[str, str],
        errors: Errors,
        **more: Any,
    ) -> Response:
        """The edit page (``applications/_part_edit.html`` filled in by the kind's template)."""
        app = view.application
        context = {
            "title": f"{title} for {app.role}",
            "view": view,
            "app": app,
            "typed": typed,
            "errors": errors,
            "action": record_path(self.kind, part_id),
            "back": self.url(app.id, part_id),
            "listed": f"/applications/{app.id}#{self.section}",
            **more,
        }
        return render(request, self.template, context, status=422 if errors else 200)
