"""Reading a page's forms as a browser would: the hidden fields it would send."""

from __future__ import annotations

import re
from html import unescape


def hidden_fields(page: str, action: str) -> dict[str, str]:
    """The hidden inputs of the first form posting to ``action`` (the CSRF token among them)."""
    match = re.search(
        rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', page, flags=re.S
    )
    assert match, f"no form posting to {action}"
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', match.group(1))
    return {name: unescape(value) for name, value in found}
