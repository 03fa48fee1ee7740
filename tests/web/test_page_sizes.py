"""Speed budgets that don't depend on the machine: page weight and script weight.

On the demo job search every main page's HTML stays under 200 KB, and all of the
app's JavaScript (each ``static/*.js`` gzip'd, as a server would send it) under
50 KB in all. Timings vary from run to run and live in ``bench/web.py`` and
docs/benchmarks.md; sizes are deterministic, so they are checked here.
"""

from __future__ import annotations

import gzip
import random
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from nextround.config import Settings
from tests.web.conftest import Browser, make_client

STATIC = Path(__file__).resolve().parents[2] / "src" / "nextround" / "web" / "static"
MAX_HTML_BYTES = 200 * 1000
MAX_JS_GZIP_BYTES = 50 * 1000


def gzip_size(path: Path) -> int:
    """The size of a file gzip'd at gzip's default level, as servers usually send it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def scripts_gzip_total(folder: Path = STATIC) -> tuple[int, dict[str, int]]:
    sizes = {p.name: gzip_size(p) for p in sorted(folder.glob("*.js"))}
    return sum(sizes.values()), sizes


def main_pages(db: Path) -> list[str]:
    """The demo's main pages, with its busiest company and person, and a record of each kind."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:

        def one(sql: str) -> int:
            return int(connection.execute(sql).fetchone()[0])

        company = one(
            "SELECT company_id FROM applications GROUP BY company_id "
            "ORDER BY count(*) DESC, company_id LIMIT 1"
        )
        person = one(
            "SELECT person_id FROM tasks WHERE person_id IS NOT NULL GROUP BY person_id "
            "ORDER BY count(*) DESC, person_id LIMIT 1"
        )
        application = one(
            "SELECT application_id FROM journal_entries GROUP BY application_id "
            "ORDER BY count(*) DESC, application_id LIMIT 1"
        )
        entry = one("SELECT id FROM journal_entries ORDER BY length(body) DESC, id LIMIT 1")
        task = one("SELECT id FROM tasks ORDER BY length(title) DESC, id LIMIT 1")
    finally:
        connection.close()
    return [
        "/",
        "/applications",
        "/applications?view=list",
        f"/applications/{application}",
        "/companies",
        f"/companies/{company}",
        "/people",
        f"/people/{person}",
        "/contacts",
        "/progress",
        "/mail",
        f"/journal/{entry}",
        f"/tasks/{task}",
        "/whats-new",
        "/search?q=engineer",
        "/settings",
        "/trash",
        "/help",
    ]


@pytest.fixture
def demo_client(demo_database: Path, web_settings: Settings, tmp_path: Path) -> Iterator[Browser]:
    db = tmp_path / "sizes-demo.db"
    shutil.copyfile(demo_database, db)
    with make_client(replace(web_settings, db_url=str(db))) as browser:
        yield browser
    browser.app.state.web.close()  # type: ignore[attr-defined]


def test_no_main_page_is_over_200_kb_of_html_on_the_demo(
    demo_client: Browser, demo_database: Path
) -> None:
    sizes = {}
    for path in main_pages(demo_database):
        response = demo_client.get(path)
        assert response.status_code == 200, f"{path}: HTTP {response.status_code}"
        assert "text/html" in response.headers["content-type"], path
        sizes[path] = len(response.content)
    over = {path: size for path, size in sizes.items() if size > MAX_HTML_BYTES}
    assert not over, f"pages over {MAX_HTML_BYTES} bytes of HTML: {over}"
    # The demo fills the pages: an empty page would pass the budget without meaning much.
    assert sizes["/"] > 5_000 and sizes["/applications"] > 5_000, sizes


def test_all_javascript_gzipd_is_under_50_kb() -> None:
    total, sizes = scripts_gzip_total()
    assert sizes, f"no JavaScript found in {STATIC}"
    assert total < MAX_JS_GZIP_BYTES, f"{total} bytes of gzip'd JavaScript (over 50 KB): {sizes}"


def test_the_script_total_counts_every_file_gzipd(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("let a = 1;\n" * 2000)
    (tmp_path / "b.js").write_bytes(random.Random(1).randbytes(10_240))  # doesn't compress
    (tmp_path / "c.css").write_text("body {}\n" * 5000)  # not a script
    total, sizes = scripts_gzip_total(tmp_path)
    assert set(sizes) == {"a.js", "b.js"}
    assert sizes["a.js"] < 1_000 < 10_240 <= sizes["b.js"]
    assert total == sizes["a.js"] + sizes["b.js"]


def test_every_script_the_pages_load_is_counted(demo_client: Browser) -> None:
    page = demo_client.get("/").text
    loaded = set(re.findall(r'<script[^>]+src="[^"]*/static/([^"?]+\.js)', page))
    assert loaded, "Today loads no script"
    assert loaded <= set(scripts_gzip_total()[1]), loaded
