"""Hosted: the address a user's drafts and digest are from is the one they set, and only
without one the address they log in with; and a setting of the site's is never kept as a
user's, though one at the site's own value passes (a restore carries it)."""

from __future__ import annotations

import pytest

from nextround.config import Settings
from nextround.services import settings, user_settings, users
from nextround.services.settings import SITE_ONLY, InvalidSettings
from nextround.storage import user_settings as stored
from tests.web.hosted import site
from tests.web.test_user_settings_kept import _own, hosted  # noqa: F401 - the fixture

pytestmark = pytest.mark.postgres


def test_an_address_of_one_s_own_wins_over_the_login_s(
    hosted: Settings,  # noqa: F811 - the fixture
) -> None:
    with site(hosted) as ctx:
        ana = users.user_id_for(ctx, "ana@example.org")
        assert _own(ctx, "ana@example.org").user.email == "ana@example.org"
        (scheduled,) = user_settings.for_owners(ctx.settings, ctx, [ana]).values()
        assert scheduled.user.email == "ana@example.org"  # the digest's address, unset
        saved = user_settings.save(ctx.fresh(owner=ana), {("user", "email"): "ana@home.example"})
        assert saved.user.email == "ana@home.example"
        assert _own(ctx, "ana@example.org").user.email == "ana@home.example"
        (scheduled,) = user_settings.for_owners(ctx.settings, ctx, [ana]).values()
        assert scheduled.user.email == "ana@home.example"  # the digest's address too
        user_settings.save(ctx.fresh(owner=ana), {("user", "email"): None})
        assert _own(ctx, "ana@example.org").user.email == "ana@example.org"


def test_a_site_setting_handed_to_save_is_never_kept_as_a_user_s(
    hosted: Settings,  # noqa: F811 - the fixture
) -> None:
    """The route refuses the site's settings first (``site_changes``); ``save`` itself
    keeps none either: a user's rows never point the site's mailer at a file."""
    with site(hosted) as ctx:
        ana = users.user_id_for(ctx, "ana@example.org")
        own = ctx.fresh(owner=ana)
        changes = {
            ("user", "name"): "Ana",
            ("smtp", "host"): "smtp.ana.example",
            ("smtp", "password_file"): "/etc/shadow",
            ("database", "pool_max_size"): 1,
        }
        saved = user_settings.save(own, changes)
        assert saved.user.name == "Ana"
        with own.db.read() as c:
            kept = stored.read(c, ana)
        assert kept == {"user": {"name": "Ana"}, "smtp": {"host": "smtp.ana.example"}}
        assert user_settings.own_smtp(own).password_file is None


def test_a_site_setting_at_the_site_s_value_passes_and_another_value_is_refused(
    hosted: Settings,  # noqa: F811 - the fixture
) -> None:
    """As a restore of settings that carry the site's own (unchanged) value: it passes,
    and only a changed one is refused, by name."""
    assert hosted.config_path is not None
    hosted.config_path.write_text(
        '[playbook]\ncard_days = 2\n[smtp]\npassword_file = "/run/secrets/smtp"\n', "utf-8"
    )
    with site(hosted) as ctx:
        own = ctx.fresh(owner=users.user_id_for(ctx, "ana@example.org"))
        same = {("smtp", "password_file"): "/run/secrets/smtp", ("user", "name"): "Ana"}
        assert settings.save_changes(own, same).user.name == "Ana"
        with pytest.raises(InvalidSettings) as refused:
            settings.save_changes(own, {("smtp", "password_file"): "/etc/shadow"})
        assert refused.value.fields["smtp.password_file"] == SITE_ONLY
        assert user_settings.site_changes(ctx.settings, {**same, ("cards", "size"): "A6"}) == []
