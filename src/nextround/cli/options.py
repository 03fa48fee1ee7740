"""Click decorators shared by the command modules: the state, and ``--json`` anywhere."""

from __future__ import annotations

from collections.abc import Callable

import click
from click.decorators import FC

from nextround.cli.state import State

pass_state = click.make_pass_decorator(State)


def stacked(*options: Callable[[FC], FC]) -> Callable[[FC], FC]:
    """Several options as one decorator, shown in ``--help`` in the order given."""

    def apply(func: FC) -> FC:
        for option in reversed(options):
            func = option(func)
        return func

    return apply


def json_option(func: FC) -> FC:
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
