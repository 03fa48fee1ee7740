"""The watch's one user setting: watch each company that says no, automatically.

``[watch] after_rejection = true`` in config.toml (default off). Saved like every
other setting (checked by the app's own loader, written atomically); the
settings now in force are returned.
"""

from __future__ import annotations

from dataclasses import replace

from nextround.config import Settings
from nextround.services import settings
from nextround.services.context import Context


def save_after_rejection(ctx: Context, on: bool) -> Settings:
    """Turn watching at each rejection on or off (off removes the key: the default)."""
    fresh = settings._apply(ctx, {("watch", "after_rejection"): True if on else None})
    return replace(fresh, watch=replace(ctx.settings.watch, after_rejection=on))
