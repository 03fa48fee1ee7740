"""Click decorators shared by the command modules: the state, and ``--json`` anywhere."""

from __future__ import annotations

import click

from nextround.cli.state import State

pass_state = click.make_pass_decorator(State)


def json_option(func: click.decorators.FC) -> click.decorators.FC:
    """``--json`` after the command, the same as before it."""

    def enable(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.find_object(State).as_json = True  # type: ignore[union-attr]

    return click.option(
        "--json",
        "as_json_local",
        is_flag=True,
        expose_value=False,
        callback=enable,
        help="Print JSON.",
    )(func)
