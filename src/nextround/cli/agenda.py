"""``nextround today``: the daily agenda, printed without click.

This is the command people run every morning, so it has a start-up budget:
``main`` recognises its plain forms and runs them before click is imported.
"""

from __future__ import annotations

from nextround.cli import output
from nextround.cli.state import State
from nextround.services import agenda


def show_agenda(state: State) -> None:
    """What is overdue, due today, and due in the next 7 days."""
    ctx = state.ctx
    found = agenda.today(ctx)
    if state.as_json:
        output.emit_json(
            {
                "today": found.today,
                "overdue": found.overdue,
                "due_today": found.due_today,
                "upcoming": found.upcoming,
            }
        )
        return
    output.heading(f"{found.today:%A} {found.today.day} {found.today:%B %Y}")
    print()
    if found.is_empty():
        print("No follow-ups due. Nice.")
        if not agenda.has_history(ctx):
            print(
                "Your job search is empty. Run `nextround demo` to see nextround at work, "
                "or start with `nextround company add NAME`."
            )
        return
    output.tasks_block("Overdue", found.overdue, found.today)
    output.tasks_block("Due today", found.due_today, found.today)
    output.tasks_block("Next 7 days", found.upcoming, found.today)
    print("`nextround task show ID` shows a step with its draft; `task done ID` when it's done.")


def fast_arguments(args: list[str]) -> State | None:
    """The state for ``[--db P] [--today D] [--json] today [--json]``; None for anything else.

    Anything this doesn't recognise (help, --debug, another command, a typo)
    goes to click, which parses and reports it properly.
    """
    values: dict[str, str] = {}
    as_json, seen_command = False, False
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, has_value, value = arg.partition("=")
        if arg == "--json":
            as_json = True
        elif arg == "today" and not seen_command:
            seen_command = True
        elif name in {"--db", "--today"} and not seen_command and name not in values:
            if not has_value:
                if not rest:
                    return None
                value = rest.pop(0)
            values[name] = value
        else:
            return None
    if not seen_command:
        return None
    return State(db=values.get("--db"), today=values.get("--today"), as_json=as_json)
