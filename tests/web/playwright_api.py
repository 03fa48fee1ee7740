"""Playwright's sync API for the end-to-end tests, or the importing test module skipped.

``from tests.web.playwright_api import Page, expect`` in place of Playwright's own
import: when the ``playwright`` package is missing the test module is skipped with an
install hint, except under ``CI=true``, where the ImportError stands (the tests fail).
"""

from __future__ import annotations

import pytest

from tests.pg_fixtures import in_ci
from tests.web.browser import INSTALL_HINT

try:
    from playwright.sync_api import Browser, Locator, Page, expect
except ImportError:  # pragma: no cover - a laptop without the dev dependencies
    if in_ci():
        raise
    pytest.skip(f"the playwright package is missing; {INSTALL_HINT}", allow_module_level=True)

__all__ = ["Browser", "Locator", "Page", "expect"]
