"""Saved interests: read from the settings, changed in ``config.toml`` (``[interests]``).

The file is rewritten the settings service's way: comments and other settings
kept, the new file checked by the app's own loader before it replaces the old.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from nextround.config import Settings
from nextround.domain.interests import InterestChanges, Interests, apply, split_list
from nextround.services import settings as settings_service
from nextround.services.context import Context

#: The settings page's fields, as (form field, key in ``[interests]``).
FORM_FIELDS = (
    ("interests.titles", "titles"),
    ("interests.seniority", "seniority"),
    ("interests.locations", "locations"),
    ("interests.remote", "remote"),
)


def current(ctx: Context) -> Interests:
    return ctx.settings.interests


def change(ctx: Context, changes: InterestChanges) -> Interests:
    """Apply ``changes`` and save them; the interests now in force are returned.

    ``ctx`` carries the new settings afterwards, so a use case that follows
    (a watch run) matches on them.
    """
    fresh = save(ctx, apply(ctx.settings.interests, changes))
    return fresh.interests


def save(ctx: Context, wanted: Interests) -> Settings:
    """Write ``wanted`` (checked) as the whole ``[interests]`` table; the settings in force."""
    wanted = wanted.checked()
    values = {
        "titles": list(wanted.titles) or None,
        "seniority": list(wanted.seniority) or None,
        "locations": list(wanted.locations) or None,
        "remote": None if wanted.remote == "any" else wanted.remote,
    }
    fresh = settings_service.save_table(ctx, "interests", values)
    ctx.settings = replace(ctx.settings, interests=fresh.interests)
    return fresh


def as_form(interests: Interests) -> dict[str, str]:
    """The interests as the settings page shows them: titles one a line, lists with commas."""
    return {
        "interests.titles": "\n".join(interests.titles),
        "interests.seniority": ", ".join(interests.seniority),
        "interests.locations": ", ".join(interests.locations),
        "interests.remote": interests.remote,
    }


def save_form(ctx: Context, values: Mapping[str, str]) -> Settings:
    """Save the settings page's interests (InvalidInput names the field as the form does)."""
    titles = tuple(line for line in values.get("interests.titles", "").splitlines())
    wanted = Interests(
        titles,
        split_list(values.get("interests.seniority", "")),
        split_list(values.get("interests.locations", "")),
        values.get("interests.remote", "any") or "any",
    )
    return save(ctx, wanted)
