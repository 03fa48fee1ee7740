"""Real headless Chromium for the end-to-end tests: the browser, pages, screenshots, checks.

Debian's ``chromium`` (``/usr/bin/chromium``, or ``$NEXTROUND_CHROMIUM``) driven by
Playwright's sync API through ``executable_path``: Playwright's own browser
downloads are never used (never run ``playwright install``). When Chromium or the
``playwright`` package is missing, the tests are skipped with an install hint,
except under ``CI=true``, where they fail (as the PostgreSQL tests do).

Every page a test opens is watched: a console error or an uncaught page error
fails the test at teardown. :func:`snap` saves a full-page screenshot to
``test-artifacts/screenshots/<test>-<name>.png`` and fails when the page looks
blank or broken (an HTTP error status, "Internal Server Error", no navigation,
no visible text in ``<main>``, not exactly one heading or not the one expected,
a title that doesn't name the page, an error banner, a single-colour image) or
has a control without an accessible name (:func:`unnamed_controls`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import pytest

from tests.pg_fixtures import in_ci

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Response

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("NEXTROUND_CHROMIUM", "/usr/bin/chromium")
INSTALL_HINT = (
    "install Debian's Chromium (sudo apt-get install chromium, or `make test` as root) "
    "and the dev dependencies (.venv/bin/pip install -e '.[dev]'); "
    "never `playwright install`"
)
#: Chromium flags: no network chatter, no GPU, no sandbox (root in containers).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Generous, for a shared 2-core machine under load (loading the demo can take seconds);
#: a passing step takes a fraction of this.
ACTION_TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@dataclass
class Watch:
    """What happened on one page: its errors, and the last page load's status."""

    test: str
    errors: list[str] = field(default_factory=list)
    status: int | None = None
    url: str = ""


_WATCHES: WeakKeyDictionary[Page, Watch] = WeakKeyDictionary()


def browser_unavailable() -> str | None:
    """Why the end-to-end tests can't run here, or None when they can."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"Chromium is required in CI (CI=true) but unusable: {reason}", pytrace=False)
    pytest.skip(f"no browser for the end-to-end tests: {reason}; {INSTALL_HINT}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the session (each test gets its own context)."""
    reason = browser_unavailable()
    if reason is not None:
        _unavailable(reason)
    from playwright.sync_api import Error, expect, sync_playwright

    expect.set_options(timeout=ACTION_TIMEOUT_MS)

    # Playwright gives launch() a fresh, temporary --user-data-dir of its own (it refuses
    # one in args); HOME points at a scratch folder so nothing of the user's is read.
    home = Path(tempfile.mkdtemp(prefix="nextround-chromium-"))
    manager = sync_playwright().start()
    try:
        try:
            launched = manager.chromium.launch(
                executable_path=CHROMIUM,
                args=list(CHROMIUM_ARGS),
                env={**os.environ, "HOME": str(home)},
            )
        except Error as exc:
            _unavailable(f"Chromium did not start: {exc.message.splitlines()[0]}")
        yield launched
        launched.close()
    finally:
        manager.stop()
        shutil.rmtree(home, ignore_errors=True)


def open_page(
    browser: Browser, request: pytest.FixtureRequest, viewport: Any, **options: Any
) -> Iterator[Page]:
    """A page in a fresh context, watched for errors; they fail the test at teardown.

    ``options`` go to the context (``java_script_enabled=False``, say).
    """
    context = browser.new_context(viewport=viewport, locale="en-US", timezone_id="UTC", **options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    watch = Watch(test=_test_name(request))
    _WATCHES[page] = watch
    page.on("console", lambda message: _on_console(watch, message))
    page.on("pageerror", lambda error: watch.errors.append(f"page error: {error}"))
    page.on("response", lambda response: _on_response(watch, page, response))
    try:
        yield page
    finally:
        context.close()
    assert not watch.errors, "errors in the browser:\n" + "\n".join(watch.errors)


@pytest.fixture
def page(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop-sized page (1280x800)."""
    yield from open_page(chromium, request, DESKTOP)


@pytest.fixture
def phone(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone-sized page (375x740)."""
    yield from open_page(chromium, request, PHONE)


def _on_console(watch: Watch, message: ConsoleMessage) -> None:
    if message.type == "error":
        watch.errors.append(f"console error at {message.location.get('url')}: {message.text}")


def _on_response(watch: Watch, page: Page, response: Response) -> None:
    request = response.request
    if request.is_navigation_request() and request.frame == page.main_frame:
        if 300 <= response.status < 400:
            return  # a redirect after a post: what counts is where it lands
        watch.status = response.status
        watch.url = response.url


def _test_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")


def watch_of(page: Page) -> Watch:
    return _WATCHES[page]


# -- checks ------------------------------------------------------------------------------

#: The controls without an accessible name (label[for], a wrapping label, aria-label,
#: aria-labelledby, title, text, or a button-like input's value), as short descriptions.
UNNAMED_CONTROLS_JS = """
() => {
  const named = (el) => {
    const aria = (el.getAttribute("aria-label") || "").trim();
    if (aria) return true;
    const by = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    if (by.some((id) => (document.getElementById(id)?.textContent || "").trim())) return true;
    if (el.labels && Array.from(el.labels).some((l) => l.textContent.trim())) return true;
    if ((el.getAttribute("title") || "").trim()) return true;
    if (el.tagName === "BUTTON" && el.textContent.trim()) return true;
    const kind = (el.getAttribute("type") || "").toLowerCase();
    if (el.tagName === "INPUT" && ["submit", "button", "reset"].includes(kind))
      return Boolean((el.value || "").trim());
    if (el.tagName === "INPUT" && kind === "image")
      return Boolean((el.getAttribute("alt") || "").trim());
    return false;
  };
  return Array.from(document.querySelectorAll("input, select, textarea, button"))
    .filter((el) => !(el.tagName === "INPUT" && el.type === "hidden"))
    .filter((el) => !named(el))
    .map((el) => el.outerHTML.slice(0, 160));
}
"""


def unnamed_controls(page: Page) -> list[str]:
    """Every input, select, textarea and button on the page that has no accessible name."""
    found: list[str] = page.evaluate(UNNAMED_CONTROLS_JS)
    return found


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    extra: int = page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )
    return extra


def pixel_spread(png: Path) -> tuple[int, float]:
    """The number of colours (up to 2) and the grey-level standard deviation of an image."""
    from PIL import Image, ImageStat

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1)
        spread = ImageStat.Stat(rgb.convert("L")).stddev[0]
    return (1 if colours is not None else 2), spread


#: What a page shows when something went wrong: the error page, a refused form, a failed action.
ERROR_BANNERS = ".error-page, .error-message, .form-problem"


def page_problems(page: Page, heading: str | None = None) -> list[str]:
    """What makes a page look broken, beyond being blank: each a line for the failure.

    Every page of the app has the top navigation, one ``<main>`` with one visible
    ``<h1>`` (when ``heading`` is given, that one), a ``<title>`` that names it, and no
    error banner.
    """
    found: list[str] = []
    if page.locator("nav[aria-label='Main'] a").count() == 0:
        found.append("no main navigation (the page lost its layout)")
    main = page.locator("main")
    if main.count() != 1:
        return [*found, f"{main.count()} <main> elements, not one"]
    if not main.inner_text().strip():
        found.append("<main> shows no text")
    titles = [t.strip() for t in main.locator("h1").all_inner_texts() if t.strip()]
    if len(titles) != 1:
        found.append(f"{len(titles)} headings (<h1>) in <main>, not one: {titles}")
    elif heading is not None and titles[0] != heading:
        found.append(f"the heading is {titles[0]!r}, not {heading!r}")
    if not re.fullmatch(r".*\S.* · nextround", page.title()):
        found.append(f"the <title> {page.title()!r} doesn't name the page")
    for banner in page.locator(ERROR_BANNERS).all():
        if banner.is_visible():
            found.append(f"an error banner: {banner.inner_text().strip()[:200]!r}")
    return found


def snap(page: Page, name: str, *, heading: str | None = None) -> Path:
    """A full-page screenshot as a test artifact; fails if the page looks blank or broken.

    Broken is: an HTTP error status, "Internal Server Error", a page without the
    navigation, ``<main>``, one heading (``heading`` when given) and a title that
    names it, an error banner, a single-colour screenshot, or a control without an
    accessible name.
    """
    watch = watch_of(page)
    path = SCREENSHOTS / f"{watch.test}-{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    where = f"{name} ({page.url}, screenshot {path.relative_to(ROOT)})"
    assert watch.status is None or watch.status < 400, f"{where}: HTTP status {watch.status}"
    assert "Internal Server Error" not in page.content(), f"{where}: Internal Server Error"
    problems = page_problems(page, heading)
    assert not problems, f"{where}: " + "; ".join(problems)
    colours, spread = pixel_spread(path)
    assert colours > 1 and spread >= 1.0, f"{where}: the screenshot is blank (one colour)"
    unnamed = unnamed_controls(page)
    assert not unnamed, f"{where}: controls without an accessible name:\n" + "\n".join(unnamed)
    return path
