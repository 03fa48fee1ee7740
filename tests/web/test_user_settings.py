"""Hosted: each user's own settings, saved in the database, never in the site's config.toml."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nextround.config import Settings
from nextround.domain.tasks import Kind, Task
from nextround.services import (
    applications,
    backup,
    exports,
    job_queue,
    tasks,
    user_settings,
    users,
)
from nextround.services.context import Context
from nextround.storage import user_settings as stored
from tests.services.scenario import interviewed
from tests.web.conftest import Browser
from tests.web.hosted import add_user, hosted_settings, logged_in, site, with_site_file

pytestmark = pytest.mark.postgres

SITE_CONFIG = (
    '# the site\'s own file\n[user]\nname = "Site Operator"\nsignature = "The operator"\n'
    '[smtp]\nhost = "smtp.site.example"\n[playbook]\ncard_days = 2\n'
)


@pytest.fixture
def hosted(web_settings: Settings, postgres_url: str) -> Settings:
    settings = hosted_settings(web_settings, postgres_url)
    return with_site_file(settings, SITE_CONFIG, "ana@example.org", "bo@example.org")


def _config(settings: Settings) -> Path:
    assert settings.config_path is not None
    return settings.config_path


def _as(ctx: Context, email: str) -> Context:
    return user_settings.personal(ctx.fresh(owner=users.user_id_for(ctx, email)))


def _card(ctx: Context) -> Task:
    scene = interviewed(ctx)
    plan = applications.reject(ctx, scene.app_id, date(2026, 11, 20))
    return next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD)


def _save(browser: Browser, values: dict[str, str]) -> None:
    saved = browser.submit("/settings", {**_form(browser), **values})
    assert saved.status_code == 303, saved.text[:800]


def _form(browser: Browser) -> dict[str, Any]:
    """What the settings page posts as it is shown: its fields' values, the boxes ticked."""
    page = browser.get("/settings").text
    form = page.split('action="/settings"', 1)[1].split("</form>", 1)[0]
    found: dict[str, Any] = {"playbook.steps": []}
    for tag in re.findall(r"<input[^>]*>", form):
        attributes = dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))
        name, value = attributes.get("name", ""), html.unescape(attributes.get("value", ""))
        if attributes.get("type") != "checkbox":
            found[name] = value
        elif " checked" in tag:
            if name == "playbook.steps":
                found[name].append(value)
            else:
                found[name] = value
    return found


def test_two_users_sign_their_own_drafts_and_the_site_file_stays(hosted: Settings) -> None:
    site_file = _config(hosted).read_bytes()
    with logged_in(hosted, "ana@example.org") as ana:
        assert "Site Operator" not in ana.get("/settings").text  # the operator's, not Ana's
        _save(ana, {"user.name": "Ana Ample", "user.signature": "Ana", "playbook.card_days": "1"})
        setup = ana.submit("/setup", {"user.address": "Ana Ample\n1 Ana Road"})
        assert setup.status_code == 303
    with logged_in(hosted, "bo@example.org") as bo:
        _save(bo, {"user.name": "Bo Brandt", "user.signature": "Bo", "playbook.card_days": "5"})
        assert 'value="Bo Brandt"' in bo.get("/settings").text
    assert _config(hosted).read_bytes() == site_file

    with site(hosted) as ctx:
        ana_card = _card(_as(ctx, "ana@example.org"))
        bo_card = _card(_as(ctx, "bo@example.org"))
        add_user(ctx, "cy@example.org")  # no settings of their own: the site's defaults
        plain = _card(_as(ctx, "cy@example.org"))
        ana_draft = tasks.show_task(_as(ctx, "ana@example.org"), ana_card.id).draft or ""
        bo_draft = tasks.show_task(_as(ctx, "bo@example.org"), bo_card.id).draft or ""
    # The playbook's offsets are each one's own (the site's file says 2 days).
    assert (ana_card.due, bo_card.due, plain.due) == (
        date(2026, 11, 21),
        date(2026, 11, 25),
        date(2026, 11, 22),
    )
    assert "Ana Ample" in ana_draft and "Bo Brandt" not in ana_draft
    assert "Bo Brandt" in bo_draft and "Ana Ample" not in bo_draft
    with logged_in(hosted, "ana@example.org") as ana:
        page = ana.get(f"/tasks/{ana_card.id}").text
        assert "Ana Ample" in page and "Bo Brandt" not in page and "Site Operator" not in page
        assert ana.get(f"/tasks/{bo_card.id}").status_code == 404
    with logged_in(hosted, "bo@example.org") as bo:
        page = bo.get(f"/tasks/{bo_card.id}").text
        assert "Bo Brandt" in page and "Ana Ample" not in page
    assert _config(hosted).read_bytes() == site_file


def test_the_site_s_smtp_stays_the_site_s(hosted: Settings) -> None:
    site_file = _config(hosted).read_bytes()
    with logged_in(hosted, "ana@example.org") as ana:
        page = ana.get("/settings").text
        # Ana's own mailbox and mail server have forms of their own (tests/web/test_own_mail.py).
        assert 'action="/settings/imap#imap"' in page and 'action="/settings/smtp"' in page
        assert "smtp.site.example" not in page  # the site's server is not shown as hers
        refused = ana.submit("/settings", {**_form(ana), "smtp.password_file": "/etc/shadow"})
        assert refused.status_code == 422 and "the site&#39;s" in refused.text
    assert _config(hosted).read_bytes() == site_file
    with site(hosted) as ctx:
        as_ana = _as(ctx, "ana@example.org")
        assert as_ana.settings.smtp == ctx.settings.smtp  # for the site's own mail
        assert not user_settings.own_smtp(as_ana).host  # none of Ana's own
        with ctx.db.read() as c:
            assert stored.read(c, as_ana.owner) == {}  # nothing saved, not even the name


def test_interests_and_watch_are_saved_per_user(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        done = ana.submit("/settings/interests", {"interests.titles": "quokka wrangler"})
        assert done.status_code == 303
        assert ana.submit("/settings/watch", {"watch.after_rejection": "on"}).status_code == 303
        assert "quokka wrangler" in ana.get("/settings").text
    with logged_in(hosted, "bo@example.org") as bo:
        assert "quokka wrangler" not in bo.get("/settings").text
    with site(hosted) as ctx:
        ana_ctx, bo_ctx = _as(ctx, "ana@example.org"), _as(ctx, "bo@example.org")
        assert ana_ctx.settings.interests.titles == ("quokka wrangler",)
        assert ana_ctx.settings.watch.after_rejection
        assert bo_ctx.settings.interests.titles == () and not bo_ctx.settings.watch.after_rejection
    assert "interests" not in _config(hosted).read_text(encoding="utf-8")


def test_the_export_carries_one_s_own_settings_and_delete_all_removes_them(
    hosted: Settings,
) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        _save(ana, {"user.name": "Ana Ample"})
        exported = ana.get("/export/nextround-export.json").content
    document = json.loads(exported)
    assert document["settings"]["user"]["name"] == "Ana Ample"
    assert document["settings"]["smtp"]["host"] == ""  # Ana's own (none), not the site's
    rows = document["tables"]["user_settings"]
    assert [(r["section"], r["key"], json.loads(r["value"])) for r in rows] == [
        ("user", "name", "Ana Ample")
    ]
    with site(hosted) as ctx:
        bo = ctx.fresh(owner=users.user_id_for(ctx, "bo@example.org"))
        mine = json.loads(exports.export_json(bo).data)
        assert "Ana Ample" not in json.dumps(mine) and "Site Operator" not in json.dumps(mine)
        assert mine["settings"]["user"]["email"] == "bo@example.org"
        gone = backup.delete_all(_as(ctx, "ana@example.org"))
        assert gone.counts.get("user_settings") == 1
        assert _as(ctx, "ana@example.org").settings.user.name == ""
        site_file = _config(hosted).read_bytes()
        restored = backup.restore(_as(ctx, "ana@example.org"), exported)
        assert restored.counts["user_settings"] == 1 and restored.settings is None
        assert _as(ctx, "ana@example.org").settings.user.name == "Ana Ample"
        assert _config(hosted).read_bytes() == site_file


def test_a_background_job_runs_with_its_user_s_settings(hosted: Settings) -> None:
    with logged_in(hosted, "ana@example.org") as ana:
        _save(ana, {"user.name": "Ana Ample", "playbook.card_days": "9"})
    with site(hosted) as ctx:
        ana_id = users.user_id_for(ctx, "ana@example.org")
        bo_id = users.user_id_for(ctx, "bo@example.org")
        for_ana = job_queue.for_owner(ctx, ana_id)
        for_bo = job_queue.for_owner(ctx, bo_id)
    assert (for_ana.owner, for_ana.settings.user.name) == (ana_id, "Ana Ample")
    assert for_ana.settings.playbook.card_days == 9 and for_bo.settings.playbook.card_days == 2
    assert (for_bo.settings.user.name, for_bo.settings.user.email) == ("", "bo@example.org")
    assert not for_ana.settings.imap.host  # the site's mailbox is no user's
