"""Per-invocation state: the global options, and the context opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from nextround.config import Settings
    from nextround.services.context import Context


@dataclass
class State:
    db: str | None
    today: str | None
    as_json: bool = False
    debug: bool = False
    _ctx: Context | None = field(default=None, repr=False)

    def settings(self) -> Settings:
        from nextround.config import load_settings

        return load_settings(db=self.db, today=self.today)

    @property
    def ctx(self) -> Context:
        """The services' context; opening it creates or upgrades the database."""
        if self._ctx is None:
            from nextround.services.context import open_context

            self._ctx = open_context(self.settings())
        return self._ctx

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()


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
