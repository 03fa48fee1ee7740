"""``nextround demo``: a realistic fictional job search (being written)."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.errors import Conflict
from nextround.services.context import Context


@dataclass(frozen=True)
class DemoReport:
    companies: int
    applications: int
    rejections: int
    people: int
    tasks: int


def load_demo(ctx: Context) -> DemoReport:
    raise Conflict(f"the demo job search is not available yet (database {ctx.db.describe()})")
