"""Screenshots of the web app's main pages for the README: ``make screenshots``.

    .venv/bin/python scripts/screenshots.py                 # into docs/screenshots/
    .venv/bin/python scripts/screenshots.py --today 2026-11-25 --out /tmp/shots

Loads the demo job search (``nextround demo``) into a fresh SQLite file in a
scratch folder with ``--today`` pinned, starts ``nextround serve`` on a free
loopback port against it (no user config is read), and photographs each main
page (Today, the applications board, a company, a person, progress, mail, a
journal, which lives on its application's page, and settings) with Debian's
Chromium driven by Playwright through ``executable_path`` (``$NEXTROUND_CHROMIUM``
or ``/usr/bin/chromium``; never ``playwright install``), at a desktop width
(1280 px) and a phone width (375 px), in the light colour scheme. Each image is
the top of the page (the journal's: its section), up to a fixed height, reduced to a 256-colour PNG with Pillow, named ``<page>-<width>.png``.
The same data and date give the same pictures: run it again whenever a page changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
NEXTROUND = Path(sys.executable).with_name("nextround")
CHROMIUM = os.environ.get("NEXTROUND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TODAY = "2026-11-25"


@dataclass(frozen=True)
class Width:
    name: str
    width: int
    height: int
    #: The tallest picture kept (the top of a long page says enough).
    max_height: int


WIDTHS = (Width("desktop", 1280, 800, 1400), Width("phone", 375, 740, 1600))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--today", default=TODAY, help="the pinned date (YYYY-MM-DD)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNG files go")
    return parser.parse_args(argv)


def env_for(folder: Path, db: Path, today: str) -> dict[str, str]:
    """No user config, no NEXTROUND_* of the caller: this database on this day only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEXTROUND_")}
    env.update(
        NEXTROUND_DB=str(db),
        NEXTROUND_TODAY=today,
        NEXTROUND_CONFIG=str(folder / "config" / "config.toml"),
        XDG_CONFIG_HOME=str(folder / "xdg-config"),
        XDG_DATA_HOME=str(folder / "xdg-data"),
    )
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status < 500)
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[str]:
    """``nextround serve`` until the block ends; yields its base address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(NEXTROUND), "serve", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + 60
        while not answers(base + "/"):
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"error: nextround serve did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def pages(db: Path) -> list[tuple[str, str, str]]:
    """(name, path, element at the top) of each main page; the busiest records of the demo.

    The journal lives on its application's page (``/journal/ID`` leads there): its
    picture starts at that page's journal section.
    """
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        company = connection.execute(
            "SELECT company_id FROM applications GROUP BY company_id "
            "ORDER BY count(*) DESC, company_id LIMIT 1"
        ).fetchone()[0]
        person = connection.execute(
            "SELECT p.id FROM people p JOIN tasks t ON t.person_id = p.id "
            "GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1"
        ).fetchone()[0]
        journaled = connection.execute(
            "SELECT application_id FROM journal_entries GROUP BY application_id "
            "ORDER BY count(*) DESC, application_id LIMIT 1"
        ).fetchone()[0]
    finally:
        connection.close()
    return [
        ("today", "/", ""),
        ("applications", "/applications", ""),
        ("company", f"/companies/{company}", ""),
        ("person", f"/people/{person}", ""),
        ("progress", "/progress", ""),
        ("mail", "/mail", ""),
        ("journal", f"/applications/{journaled}", "#journal"),
        ("settings", "/settings", ""),
    ]


def shrink(png: Path) -> None:
    """A 256-colour PNG, without dithering (text stays crisp): a fraction of the size."""
    from PIL import Image

    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


#: Rewrites the scratch folder, wherever a page shows it (Settings names its config file),
#: as the usual place on Linux: the pictures stay the same from run to run.
SHOW_SCRATCH_AS_JS = """
([scratch, shown]) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue.includes(scratch)) node.nodeValue = node.nodeValue.split(scratch).join(shown);
  }
}
"""
SCRATCH_SHOWN_AS = "~/.config/nextround"


def photograph(
    base: str, wanted: list[tuple[str, str, str]], out: Path, scratch: Path | None = None
) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved: list[Path] = []
    home = Path(tempfile.mkdtemp(prefix="nextround-shots-chromium-"))
    try:
        with sync_playwright() as manager:
            browser = manager.chromium.launch(
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                env={**os.environ, "HOME": str(home)},
            )
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width.width, "height": width.height},
                    locale="en-US",
                    timezone_id="UTC",
                    color_scheme="light",
                    reduced_motion="reduce",
                )
                page = context.new_page()
                for name, path, start in wanted:
                    response = page.goto(base + path, wait_until="networkidle")
                    if response is None or response.status >= 400:
                        status = response.status if response else "no response"
                        sys.exit(f"error: {path} answered {status}; is the app broken?")
                    if scratch is not None:
                        page.evaluate(SHOW_SCRATCH_AS_JS, [str(scratch), SCRATCH_SHOWN_AS])
                    tall = int(page.evaluate("document.documentElement.scrollHeight"))
                    top = 0
                    if start:
                        box = page.locator(start).bounding_box()
                        if box is None:
                            sys.exit(f"error: {path} has no {start}; update scripts/screenshots.py")
                        top = max(0, int(box["y"] + page.evaluate("window.scrollY")) - 16)
                    height = max(width.height, min(tall - top, width.max_height))
                    target = out / f"{name}-{width.name}.png"
                    page.screenshot(
                        path=str(target),
                        full_page=True,
                        clip={"x": 0, "y": top, "width": width.width, "height": height},
                        animations="disabled",
                        caret="hide",
                    )
                    shrink(target)
                    saved.append(target)
                    print(
                        f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                        f"  {target.stat().st_size / 1024:.0f} KiB",
                        flush=True,
                    )
                context.close()
            browser.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not NEXTROUND.exists():
        sys.exit(f"error: {NEXTROUND} is missing; run `make run` (or pip install -e .) first")
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        sys.exit(
            f"error: no Chromium at {CHROMIUM}; install Debian's (sudo apt-get install "
            "chromium) or set NEXTROUND_CHROMIUM to its path"
        )
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nextround-shots-") as scratch:
        folder = Path(scratch)
        db = folder / "demo.db"
        env = env_for(folder, db, args.today)
        subprocess.run([str(NEXTROUND), "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        wanted = pages(db)
        print(f"photographing {len(wanted)} pages of the demo (today {args.today}):", flush=True)
        with serving(env, folder / "serve.log") as base:
            saved = photograph(base, wanted, out, folder / "config")
    total = sum(p.stat().st_size for p in saved)
    print(f"{len(saved)} screenshots, {total / 1024:.0f} KiB in all, in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
