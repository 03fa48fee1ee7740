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


def notice(page: str) -> str:
    """The text of the page's status notice ("Added Fernway. Undo"), '' when there is none."""
    found = re.search(r'<div class="flash" role="status">(.*?)</div>', page, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split()) if found else ""
