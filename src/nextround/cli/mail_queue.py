"""``nextround mail review|confirm|dismiss|unfold``: the review queue, grouped, decided one or many at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from nextround.cli import output, refs
from nextround.cli.mail import mail_group
from nextround.cli.mail_print import print_groups
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State
from nextround.domain.people import ConnectAnswer
from nextround.domain.suggestions import Suggestion, SuggestionKind
from nextround.domain.wording import plural
from nextround.errors import InvalidInput
from nextround.services import mail_groups as groups
from nextround.services import mail_problems as problem_service
from nextround.services import mail_review as review_service


@mail_group.command("review")
@click.option(
    "--all", "include_decided", is_flag=True, help="Include confirmed, dismissed and folded ones."
)
@click.option(
    "--folded", "folded", is_flag=True, help="Only the newsletters and job alerts folded away."
)
@click.option(
    "--problems", "show_problems", is_flag=True, help="The messages scans could not read."
)
@click.option(
    "--forget", is_flag=True, help="With --problems: drop the stored problems after listing them."
)
@json_option
@pass_state
def review(
    state: State, /, include_decided: bool, folded: bool, show_problems: bool, forget: bool
) -> None:
    """What the mailbox scans found, by company and application, the newest first."""
    if forget and not show_problems:
        raise InvalidInput("--forget goes with --problems")
    if show_problems:
        _review_problems(state, forget=forget)
        return
    found = groups.grouped(state.ctx, include_decided=include_decided, folded=folded)
    if state.as_json:
        output.emit_json(found)
        return
    if not found.groups:
        click.echo(
            "No newsletters or job alerts were folded away."
            if folded
            else "Nothing to review. Scan with `nextround mail scan`."
        )
    else:
        print_groups(found.groups)
    if found.folded and not (folded or include_decided):
        folded_away = plural(found.folded, "newsletter or job alert", "newsletters and job alerts")
        verb = "is" if found.folded == 1 else "are"
        click.echo(f"\n{folded_away} {verb} folded away: `nextround mail review --folded`.")


def _review_problems(state: State, *, forget: bool) -> None:
    found = problem_service.problems(state.ctx)
    if forget:
        problem_service.forget(state.ctx)
    if state.as_json:
        output.emit_json(found)
        return
    if not found:
        click.echo("No problems: every message the scans met was read.")
        return
    for p in found:
        seen = p.seen_at.date().isoformat() if p.seen_at else "?"
        click.echo(output.safe(f"  #{p.id:<5} {p.step:<9} {seen}  {p.source}"))
        if p.subject:
            click.echo(output.safe(f"         {p.subject}"))
        click.echo(output.safe(f"         {p.reason}"))
    if forget:
        click.echo(f"Forgot {plural(len(found), 'problem')}.")
    else:
        click.echo("\nThe next scan reads these again; `--problems --forget` drops the list.")


@mail_group.command("confirm")
@click.argument("suggestion_ids", nargs=-1, type=int, metavar="ID...")
@click.option("--company", "company", metavar="NAME", help="Every pending one about this company.")
@click.option("--app", "application_id", type=int, help="The application it is about.")
@click.option("--new-application", "new_role", metavar="ROLE", help="Add it as a new application.")
@click.option(
    "--yes",
    "yes",
    is_flag=True,
    help="For a reply: they said yes to connecting. With --company: go ahead without asking.",
)
@click.option("--no", "no", is_flag=True, help="For a reply: they said no.")
@json_option
@pass_state
def confirm(
    state: State,
    /,
    suggestion_ids: tuple[int, ...],
    company: str | None,
    application_id: int | None,
    new_role: str | None,
    yes: bool,
    no: bool,
) -> None:
    """Apply suggestions: a rejection runs the playbook as `nextround reject` does.

    Several ids (or --company NAME) are confirmed together, in one change that
    `nextround undo` takes back whole; if one can't be, none is.
    """
    if yes and no:
        raise InvalidInput("give --yes or --no, not both")
    ids = _chosen(state, suggestion_ids, company)
    if len(ids) == 1 and company is None:
        with _flags_named(ids[0]):
            _confirm_one(state, ids[0], application_id, new_role, yes, no)
        return
    if application_id is not None or new_role is not None or no or (yes and company is None):
        raise InvalidInput(
            "--app, --new-application, --yes and --no go with one id (--yes also goes with "
            "--company); confirm that one on its own"
        )
    if company is not None and not yes:
        if not refs.interactive():
            raise InvalidInput(
                f"confirming every message about {company} moves their applications "
                "(a rejection runs its playbook); add --yes to go ahead"
            )
        click.confirm(f"Confirm all {len(ids)} messages about {company}?", abort=True)
    with _flags_named():
        done = groups.confirm_many(state.ctx, ids)
    _summary(state, "Confirmed", done)


#: How to give, on this command line, what confirming one message lacked (by the error's field).
_FLAGS = {
    "application": "name one with `nextround mail confirm {id} --app ID`, or add it with "
    "`--new-application ROLE`",
    "company": "add it with `nextround app add`, then `nextround mail confirm {id} --app ID`",
    "answer": "add --yes or --no",
    "answer_unasked": "leave out --yes and --no",
}


@contextmanager
def _flags_named(one: int | None = None) -> Iterator[None]:
    """The services' errors say what is missing; this says which flag gives it: for ``one``
    id, how; for a batch, that the message it names is confirmed on its own."""
    try:
        yield
    except InvalidInput as exc:
        field = next((f for f in exc.fields if f in _FLAGS), None)
        if field is None:
            raise
        flags = (
            _FLAGS[field].format(id=one)
            if one is not None
            else "confirm that one on its own to give it --app, --new-application, --yes or --no"
        )
        raise InvalidInput(f"{exc.message.rstrip('.')} ({flags}).", fields=exc.fields) from None


def _confirm_one(
    state: State,
    suggestion_id: int,
    application_id: int | None,
    new_role: str | None,
    yes: bool,
    no: bool,
) -> None:
    answer = ConnectAnswer.YES if yes else ConnectAnswer.NO if no else None
    done = review_service.confirm(
        state.ctx, suggestion_id, application_id=application_id, answer=answer, new_role=new_role
    )
    if state.as_json:
        output.emit_json(done)
    elif done.kind is SuggestionKind.REPLY:
        click.echo(output.safe(f"Recorded {done.person}'s answer: {done.answer}."))
    else:
        click.echo(
            output.safe(f"Confirmed #{done.id} ({done.label}) for {done.company}, {done.role}.")
        )
        if done.label == "rejection":
            click.echo(f"Your follow-up plan is ready: `nextround app show {done.application_id}`.")


@mail_group.command("dismiss")
@click.argument("suggestion_ids", nargs=-1, type=int, metavar="ID...")
@click.option("--company", "company", metavar="NAME", help="Every pending one about this company.")
@json_option
@pass_state
def dismiss(state: State, /, suggestion_ids: tuple[int, ...], company: str | None) -> None:
    """Drop suggestions from the queue; they won't be filed again.

    Several ids (or --company NAME) are dismissed together, in one change.
    """
    ids = _chosen(state, suggestion_ids, company)
    if len(ids) == 1 and company is None:
        done = [review_service.dismiss(state.ctx, ids[0])]
    else:
        done = groups.dismiss_many(state.ctx, ids)
    _summary(state, "Dismissed", done)


@mail_group.command("unfold")
@click.argument("suggestion_ids", nargs=-1, type=int, required=True, metavar="ID...")
@json_option
@pass_state
def unfold(state: State, /, suggestion_ids: tuple[int, ...]) -> None:
    """Put newsletters or job alerts folded away back in the review queue.

    For mail folded by mistake (see `nextround mail review --folded`); then
    confirm or dismiss it as usual.
    """
    _summary(state, "Unfolded", groups.unfold_many(state.ctx, suggestion_ids))


def _chosen(state: State, ids: tuple[int, ...], company: str | None) -> list[int]:
    if company is not None and ids:
        raise InvalidInput("give suggestion ids or --company NAME, not both")
    if company is not None:
        return groups.of_company(state.ctx, company)
    if not ids:
        raise InvalidInput("say which: one or more suggestion ids, or --company NAME")
    return list(dict.fromkeys(ids))


def _summary(state: State, verb: str, done: list[Suggestion]) -> None:
    if state.as_json:
        output.emit_json({verb.lower(): done})
        return
    if len(done) == 1:
        click.echo(f"{verb} #{done[0].id}.")
        return
    by_label: dict[str, int] = {}
    for s in done:
        by_label[s.label] = by_label.get(s.label, 0) + 1
    counts = ", ".join(f"{n} {label.replace('_', ' ')}" for label, n in sorted(by_label.items()))
    click.echo(f"{verb} {len(done)} messages ({counts}): {', '.join(f'#{s.id}' for s in done)}.")
    click.echo("Changed your mind? `nextround undo` takes the whole batch back.")
    rejected = sorted(
        {
            s.application_id
            for s in done
            if s.label == "rejection" and verb == "Confirmed" and s.application_id
        }
    )
    for app_id in rejected:
        click.echo(f"Your follow-up plan is ready: `nextround app show {app_id}`.")
