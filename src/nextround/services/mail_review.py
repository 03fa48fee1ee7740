"""The mail review queue: list what scans found, confirm it or dismiss it.

Confirming a rejection runs the playbook exactly as ``nextround reject`` does,
in the same transaction that marks the suggestion confirmed; confirming a reply
records the interviewer's answer to "OK to connect?".
"""

from __future__ import annotations

from datetime import date

from nextround.domain.applications import Application, NewApplication, Status
from nextround.domain.mail import LABEL_NAMES, Label
from nextround.domain.mail_matching import Letter, guess_company
from nextround.domain.people import ConnectAnswer
from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.errors import Conflict, InvalidInput, NotFound
from nextround.services import applications as apps
from nextround.services.applications import move
from nextround.services.context import Context, relabel
from nextround.services.people import answer_question
from nextround.storage import mail, people
from nextround.storage.sql import Connection

#: What a confirmed job message does to its application.
_MOVES = {
    Label.REJECTION: Status.REJECTED,
    Label.INTERVIEW_INVITE: Status.INTERVIEWING,
    Label.APPLICATION_RECEIVED: Status.APPLIED,
    Label.OFFER: Status.OFFER,
}
#: Statuses an application may move on from, per label: never backwards.
_FROM = {
    Label.REJECTION: {
        Status.SAVED,
        Status.APPLIED,
        Status.SCREENING,
        Status.INTERVIEWING,
        Status.GHOSTED,
    },
    Label.INTERVIEW_INVITE: {Status.SAVED, Status.APPLIED, Status.SCREENING, Status.GHOSTED},
    Label.APPLICATION_RECEIVED: {Status.SAVED},
    Label.OFFER: {
        Status.SAVED,
        Status.APPLIED,
        Status.SCREENING,
        Status.INTERVIEWING,
        Status.GHOSTED,
    },
}


def review(ctx: Context, *, include_decided: bool = False) -> list[Suggestion]:
    statuses = None if include_decided else [SuggestionStatus.PENDING.value]
    with ctx.db.read() as c:
        return mail.suggestions(c, ctx.owner, statuses)


def confirm(
    ctx: Context,
    suggestion_id: int,
    *,
    application_id: int | None = None,
    answer: ConnectAnswer | None = None,
    new_role: str | None = None,
) -> Suggestion:
    """Apply a suggestion: move its application, or record the interviewer's answer."""
    with ctx.change("Confirmed mail") as c:
        found = _pending(c, ctx, suggestion_id)
        values = apply(c, ctx, found, application_id, answer, new_role)
        mail.decide(c, ctx.owner, found.id, SuggestionStatus.CONFIRMED.value, ctx.today, values)
        relabel(c, f"Confirmed mail: {found.subject or found.sender}")
        confirmed = reloaded(c, ctx, found.id)
    if found.kind is not SuggestionKind.REPLY and Label(found.label) is Label.REJECTION:
        watch_after(ctx, values)
    return confirmed


def watch_after(ctx: Context, values: dict[str, object]) -> None:
    """A confirmed rejection with ``[watch] after_rejection`` on watches the company."""
    company_id = values.get("company_id")
    if ctx.settings.watch.after_rejection and isinstance(company_id, int):
        from nextround.services.watch import watch_after_rejection

        watch_after_rejection(ctx, company_id)


def dismiss(ctx: Context, suggestion_id: int) -> Suggestion:
    """Not job mail, or not worth acting on: it leaves the queue and is not filed again."""
    with ctx.change("Dismissed mail") as c:
        found = _pending(c, ctx, suggestion_id)
        mail.decide(c, ctx.owner, found.id, SuggestionStatus.DISMISSED.value, ctx.today)
        relabel(c, f"Dismissed mail: {found.subject or found.sender}")
        return reloaded(c, ctx, found.id)


def replies_for(ctx: Context, person_id: int) -> list[Suggestion]:
    """The replies found in the mailbox from one person, oldest first."""
    with ctx.db.read() as c:
        return mail.replies_of(c, ctx.owner, person_id)


def _pending(c: Connection, ctx: Context, suggestion_id: int) -> Suggestion:
    found = mail.suggestion(c, ctx.owner, suggestion_id)
    if found is None:
        raise NotFound(f"No mail suggestion #{suggestion_id}; see `nextround mail review`.")
    if found.status is SuggestionStatus.FOLDED:
        raise Conflict(
            f"Mail suggestion #{suggestion_id} is folded away as a newsletter or job alert; "
            f"put it back first (Back to review on the Mail page, `nextround mail unfold "
            f"{suggestion_id}` on the command line)."
        )
    if found.status is not SuggestionStatus.PENDING:
        raise Conflict(f"Mail suggestion #{suggestion_id} was already {found.status.value}.")
    return found


def reloaded(c: Connection, ctx: Context, suggestion_id: int) -> Suggestion:
    found = mail.suggestion(c, ctx.owner, suggestion_id)
    assert found is not None
    return found


def apply(
    c: Connection,
    ctx: Context,
    found: Suggestion,
    application_id: int | None,
    answer: ConnectAnswer | None,
    new_role: str | None,
) -> dict[str, object]:
    if found.kind is SuggestionKind.REPLY:
        return _apply_reply(c, ctx, found, answer)
    label = Label(found.label)
    if answer is not None:
        raise InvalidInput(
            f"{named(found)} is {LABEL_NAMES[label.value].lower()} mail, not a reply to "
            "“OK to connect?”: a yes or a no answers replies only; nothing was confirmed.",
            field="answer_unasked",
        )
    app = _target(c, ctx, found, application_id, new_role)
    if app.status in _FROM[label]:
        move(
            c, ctx, app, _MOVES[label], _day(found, ctx.today) if label is Label.REJECTION else None
        )
    return {"application_id": app.id, "company_id": app.company_id}


def named(found: Suggestion) -> str:
    """One suggestion as the user knows it, in either face: its subject and sender."""
    return f"“{found.subject or '(no subject)'}” from {found.sender_name or found.sender}"


def _apply_reply(
    c: Connection, ctx: Context, found: Suggestion, answer: ConnectAnswer | None
) -> dict[str, object]:
    chosen = answer or (ConnectAnswer(found.answer) if found.answer else None)
    if chosen is None:
        raise InvalidInput(
            f"{named(found)} gives no clear answer to “OK to connect?”; "
            "say whether it is a yes or a no.",
            field="answer",
        )
    if found.person_id is None:
        raise NotFound("The person who replied is no longer stored; dismiss this suggestion.")
    person = people.get(c, ctx.owner, found.person_id)
    if person is None:
        raise NotFound("The person who replied is no longer stored; dismiss this suggestion.")
    answer_question(c, ctx, person, chosen)
    return {"answer": chosen.value}


def _target(
    c: Connection,
    ctx: Context,
    found: Suggestion,
    application_id: int | None,
    new_role: str | None,
) -> Application:
    if application_id is not None:
        return apps.get(c, ctx, application_id)
    if new_role is not None:
        return _new_application(c, ctx, found, new_role)
    if found.application_id is None:
        raise InvalidInput(
            f"{named(found)} isn't tied to an application yet; "
            "choose one, or add it as a new application.",
            field="application",
        )
    return apps.get(c, ctx, found.application_id)


def _new_application(c: Connection, ctx: Context, found: Suggestion, role: str) -> Application:
    """The "new application?" answer: the company (found or added) and an applied role."""
    name = found.company or guess_company(
        Letter(found.sender, found.sender_name, found.subject, found.excerpt)
    )
    if not name:
        raise InvalidInput(
            f"Can't tell which company {named(found)} is from; "
            "add the application first, then choose it.",
            field="company",
        )
    new = NewApplication(
        role=role, new_company=name, status=Status.APPLIED, applied_on=_day(found, ctx.today)
    )
    return apps.add_application(ctx, new).application


def _day(found: Suggestion, today: date) -> date:
    if found.received_at is None:
        return today
    return min(found.received_at.date(), today)
