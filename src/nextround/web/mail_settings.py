"""Settings: the IMAP account the Mail page scans, its folders and the auto-confirm level;
on a hosted site also the user's own outgoing mail server (SMTP).

Its own form on the settings page. The password is taken only when typed,
stored by the service (OS keyring or a private file; on a hosted site encrypted
with the site key, :mod:`nextround.services.own_mail`) and never shown again:
the form says it is saved and offers to replace or forget it. The folders
on the server are asked for only when the user presses "List folders".
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from nextround.errors import InvalidInput, NextroundError
from nextround.services import mail_account, own_mail
from nextround.services.settings import InvalidSettings
from nextround.web.pages import CheckedForm, redirect, templates
from nextround.web.settings import page_with
from nextround.web.state import Ctx, context, web_state

router = APIRouter(include_in_schema=False)
_WHERE = {
    "keyring": "Saved in your system keyring.",
    "file": "Saved in a file only you can read, beside config.toml.",
    "environment": "Set by NEXTROUND_IMAP_PASSWORD in the environment; change it there.",
    "oauth": "None needed: this account signs in with your own OAuth client (see docs/mail.md).",
    "site": "Kept encrypted by this site; nobody is shown it again.",
}
#: Where an OAuth client secret or refresh token is kept.
_SECRET_WHERE = {**_WHERE, "environment": "Set in the environment; change it there."}


def _saved(request: Request) -> mail_account.AccountForm:
    return own_mail.imap_form(context(request))  # the logged-in user's, on a hosted site


def _smtp_saved(request: Request) -> own_mail.ServerForm:
    return own_mail.smtp_form(context(request))


def _about_the_account(errors: dict[str, str]) -> tuple[bool, bool]:
    """Whether ``errors`` name fields of the mail account's form, and fields of others: the
    account's form says its own, so the page's banner is only for the others."""
    ours = [name.startswith(("imap.", "mail.")) for name in errors]
    return any(ours), not all(ours)


templates.env.globals.update(
    mail_account_errors=_about_the_account,
    imap_account=_saved,
    smtp_account=_smtp_saved,
    smtp_security=own_mail.SMTP_SECURITY,
    imap_security=mail_account.SECURITY_CHOICES,
    imap_auth=mail_account.AUTH_CHOICES,
    imap_password_where=_WHERE,
    imap_secret_where=_SECRET_WHERE,
)


@router.post("/settings/imap")
def save(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    typed = {name: _one(form.get(name)) for name in mail_account.FIELDS}
    ticked = [v for v in form.getlist("imap.folder") if isinstance(v, str)]
    typed["imap.folders"] = ", ".join([*ticked, typed["imap.folders"]]).strip(", ")
    secret = {name: _one(form.get(name)).strip() for name, _, _ in mail_account.SECRETS}
    try:
        if ctx.settings.hosted:  # the user's own mailbox, its password kept by the site
            own_mail.save_imap(
                ctx,
                typed,
                password=_one(form.get("imap.password")),
                forget=form.get("imap.forget") == "on",
            )
            return redirect("/settings?saved=1#imap")
        fresh = mail_account.save(
            ctx,
            typed,
            password=_one(form.get("imap.password")),
            forget=form.get("imap.forget") == "on",
            typed_secrets={k: v for k, v in secret.items() if k != "imap.password"},
        )
    except InvalidSettings as exc:
        errors = dict(exc.fields)
    except InvalidInput as exc:
        errors = {exc.field or "imap.password": exc.message}
    else:
        web_state(request).use_settings(fresh)
        return redirect("/settings?saved=1#imap")
    for name, _, _ in mail_account.SECRETS:  # never sent back to the page: typed again
        if _one(form.get(name)):
            errors.setdefault(name, "Type it again: it isn't kept while a field needs a fix.")
    return _again(request, ctx, typed, errors)


@router.post("/settings/imap/folders")
def folders(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """Ask the server which folders there are; the form then offers them to tick."""
    shown = own_mail.imap_form(ctx)
    try:
        found = own_mail.folders(ctx)
    except NextroundError as exc:
        reason = f"The folders on the server couldn't be listed. {_sentence(exc.message)}"
        errors = {"form": "The folders on the server couldn't be listed; see the mail account."}
        return _again(request, ctx, shown.values, errors | {"imap.form": reason})
    extra: dict[str, object] = {"imap_typed": shown.values, "imap_listed": found}
    page = page_with(request, ctx, {}, extra)
    page.status_code = 200  # nothing was refused: the form, with the folders to tick
    return page


@router.post("/settings/smtp")
def save_smtp(request: Request, form: CheckedForm, ctx: Ctx) -> Response:
    """A hosted user's own mail server for their emails (the site's stays the site's)."""
    typed = {name: _one(form.get(name)) for name in own_mail.SMTP_FIELDS}
    try:
        own_mail.save_smtp(
            ctx,
            typed,
            password=_one(form.get("smtp.password")),
            forget=form.get("smtp.forget") == "on",
        )
    except InvalidInput as exc:  # InvalidSettings too: its fields
        errors = exc.fields or {"smtp.password": exc.message}
        return page_with(request, ctx, errors, {"smtp_typed": typed})
    return redirect("/settings?saved=1#smtp")


def _again(request: Request, ctx: Ctx, typed: dict[str, str], errors: dict[str, str]) -> Response:
    return page_with(request, ctx, errors, {"imap_typed": typed})


def _one(value: object) -> str:
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith((".", "?", "!")) else ".")
