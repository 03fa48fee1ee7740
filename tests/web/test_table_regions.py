"""Every scrolling table box is a named region reachable by keyboard (axe's
scrollable-region-focusable): ``tabindex="0"``, ``role="region"`` and an ``aria-label``.

Checked on the demo's main pages, where each list fills its table (the demo has no
contacts; the import pages' tables are checked by axe in ``test_e2e_axe.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.conftest import Browser
from tests.web.test_page_sizes import demo_client, main_pages  # noqa: F401 - the fixture

WRAP = re.compile(r'<div class="table-wrap"[^>]*>')


def test_every_table_wrap_on_the_main_pages_is_a_named_focusable_region(
    demo_client: Browser,  # noqa: F811 - the imported fixture
    demo_database: Path,
) -> None:
    seen: dict[str, int] = {}
    bad: list[str] = []
    for path in main_pages(demo_database):
        page = demo_client.get(path).text
        for tag in WRAP.findall(page):
            seen[path] = seen.get(path, 0) + 1
            ok = 'tabindex="0"' in tag and 'role="region"' in tag
            if not ok or not re.search(r'aria-label="[^"]+"', tag):
                bad.append(f"{path}: {tag}")
    assert not bad, "table boxes that are not named regions:\n" + "\n".join(bad)
    # The lists do have their tables on the demo (a page without one proves nothing).
    for path in ("/applications?view=list", "/companies", "/people", "/progress"):
        assert seen.get(path), (path, seen)
