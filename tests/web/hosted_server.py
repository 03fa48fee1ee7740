"""A real hosted ``nextround serve`` for the end-to-end tests, and the browser's steps on it.

:func:`hosted_server` writes the site's ``config/config.toml`` in a folder, makes a
PostgreSQL database of its own on the session's cluster (its schema and the users asked
for made before the server uses it), runs ``nextround serve`` on it and drops the
database on exit. :func:`folder_settings` are the settings the server and the command
line read from such a folder. :func:`heading` and :func:`log_in` are steps in Chromium
(Playwright is imported when they run: the modules using them skip without it).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.config import Settings
from tests.conftest import TODAY
from tests.pgcluster import drop_database, new_database
from tests.web.hosted import PASSWORD, add_user, site
from tests.web.server import LiveServer, running_server, serve_command, server_env

if TYPE_CHECKING:
    from playwright.sync_api import Page

LOGIN = "Log in to nextround"


@dataclass(frozen=True)
class HostedSite:
    """A running hosted site: its server, the settings it reads, and its folder."""

    server: LiveServer
    settings: Settings
    folder: Path

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``nextround ARGS`` on the site, as its admin runs it on the server."""
        env = server_env(self.settings.db_url, TODAY.isoformat(), self.folder)
        env["NEXTROUND_SITE_URL"] = self.server.base_url
        return subprocess.run(
            [*serve_command(), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


def write_config(folder: Path, text: str) -> Path:
    """``folder/config/config.toml`` holding ``text``; its path."""
    config = folder / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")
    return config


def folder_settings(db_url: str, folder: Path) -> Settings:
    """A hosted site on ``db_url`` with today pinned, configured by ``folder``'s config."""
    return Settings(
        db_url=db_url,
        hosted=True,
        today=TODAY,
        today_pinned=True,
        templates_dir=folder / "config" / "templates",
        config_path=folder / "config" / "config.toml",
    )


@contextmanager
def hosted_server(
    admin_url: str, folder: Path, config: str, *, emails: tuple[str, ...] = ()
) -> Iterator[HostedSite]:
    """``nextround serve`` on a new database of ``admin_url``'s cluster, configured by
    ``config`` (the text of its config.toml), with a user (password :data:`PASSWORD`)
    for each of ``emails``; stopped, and the database dropped, on exit."""
    write_config(folder, config)
    url = new_database(admin_url)
    settings = folder_settings(url, folder)
    try:
        with site(settings) as ctx:  # the schema, made before the server uses it
            for email in emails:
                add_user(ctx, email)
        with running_server(url, TODAY.isoformat(), folder) as server:
            yield HostedSite(server, settings, folder)
    finally:
        drop_database(admin_url, url)


def heading(page: Page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def log_in(page: Page, server: LiveServer, email: str, password: str = PASSWORD) -> None:
    """Log in through the login page of ``server``."""
    page.goto(server.url("/login"))
    heading(page, LOGIN)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
