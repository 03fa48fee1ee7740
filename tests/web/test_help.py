"""The help page and the pieces of accessibility the server renders (no browser needed)."""

from __future__ import annotations

from tests.web.conftest import Browser


def test_help_lists_the_shortcuts_and_every_page_links_it(client: Browser) -> None:
    page = client.load("/help")
    assert "<h1>Help</h1>" in page
    for key in ("<kbd>?</kbd>", "<kbd>/</kbd>", "<kbd>Space</kbd>", "<kbd>Escape</kbd>"):
        assert key in page
    for path in ("/", "/applications", "/settings"):
        html = client.load(path)
        assert '<a href="/help">Help and shortcuts</a>' in html
        assert "/static/keys.js" in html


def test_field_attributes_reach_the_browser_unescaped(client: Browser) -> None:
    """``autocomplete="username"``, not ``autocomplete=&#34;username&#34;`` (axe's find);
    a field's hint describes it."""
    page = client.load("/settings")
    assert 'name="imap.user" type="text" value="" aria-describedby="hint-imap.user" ' in page
    assert 'aria-describedby="hint-imap.user" autocomplete="username">' in page
    assert '<small class="hint" id="hint-imap.user">Usually your full email address.' in page
    assert "&#34;" not in page
    assert 'list="company-names" autocomplete="off"' in client.load("/applications/new")
