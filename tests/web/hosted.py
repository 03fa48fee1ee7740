"""A hosted site on PostgreSQL for the web tests: users with passwords, browsers logged in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from nextround.config import Settings
from nextround.services import users
from nextround.services.context import Context, open_context
from tests.pg_roles import roles
from tests.web.conftest import Browser, make_client

PASSWORD = "a long enough secret"


def hosted_settings(settings: Settings, postgres_url: str) -> Settings:
    return replace(settings, db_url=postgres_url, hosted=True)


@contextmanager
def deployed(settings: Settings, admin_url: str, postgres_url: str) -> Iterator[Settings]:
    """``settings`` hosted on ``postgres_url`` as deployed: the tables owned by a role of
    their own, the app connecting as a role granted rows only (row-level security); the
    database and the roles dropped after."""
    with roles(admin_url, postgres_url) as found:
        yield hosted_settings(settings, found.app_url)


def add_user(ctx: Context, email: str, *, admin: bool = False) -> int:
    """A user who has set their password through their link; their id."""
    made = users.add_user(ctx, email, admin=admin)
    return users.use_link(ctx, made.token, PASSWORD)


def with_site_file(settings: Settings, config: str, *emails: str) -> Settings:
    """``settings`` whose site config file holds ``config``, with a user for each email."""
    assert settings.config_path is not None
    settings.config_path.parent.mkdir(parents=True, exist_ok=True)
    settings.config_path.write_text(config, encoding="utf-8")
    with site(settings) as ctx:
        for email in emails:
            add_user(ctx, email)
    return settings


@contextmanager
def site(settings: Settings) -> Iterator[Context]:
    ctx = open_context(settings)
    try:
        yield ctx
    finally:
        ctx.close()


@contextmanager
def logged_in(settings: Settings, email: str) -> Iterator[Browser]:
    """A browser logged in as ``email``, with the CSRF token its pages carry."""
    with make_client(settings) as browser:
        browser.load("/login")
        response = browser.submit("/login", {"account": email, "password": PASSWORD})
        assert response.status_code == 303, response.text[:500]
        browser.load("/")
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]
