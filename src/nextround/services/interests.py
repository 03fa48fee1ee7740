"""Saved interests: read from the settings, changed in ``config.toml`` (``[interests]``).

The file is rewritten the settings service's way: comments and other settings
kept, the new file checked by the app's own loader before it replaces the old.
"""

from __future__ import annotations

from dataclasses import replace

from nextround.domain.interests import InterestChanges, Interests, apply
from nextround.services import settings as settings_service
from nextround.services.context import Context


def current(ctx: Context) -> Interests:
    return ctx.settings.interests


def change(ctx: Context, changes: InterestChanges) -> Interests:
    """Apply ``changes`` and save them; the interests now in force are returned.

    ``ctx`` carries the new settings afterwards, so a use case that follows
    (a watch run) matches on them.
    """
    wanted = apply(ctx.settings.interests, changes)
    values = {
        "titles": list(wanted.titles) or None,
        "seniority": list(wanted.seniority) or None,
        "locations": list(wanted.locations) or None,
        "remote": None if wanted.remote == "any" else wanted.remote,
    }
    fresh = settings_service.save_table(ctx, "interests", values)
    ctx.settings = replace(ctx.settings, interests=fresh.interests)
    return fresh.interests
