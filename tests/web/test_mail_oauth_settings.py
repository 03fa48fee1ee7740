"""Settings: an IMAP account that signs in with XOAUTH2, set up from the web alone.

Against a real Dovecot checking tokens at a local OAuth provider (``tests/oauthprovider.py``): the client secret and refresh token typed
into the form are stored like a password and never shown again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imapserver import ImapUser
from tests.oauthprovider import CLIENT_ID, CLIENT_SECRET, Provider
from tests.web.conftest import Browser


def _form(user: ImapUser, provider: Provider, **changes: str) -> dict[str, str]:
    return {
        "imap.host": "127.0.0.1",
        "imap.port": str(user.settings().port),
        "imap.security": "none",
        "imap.user": user.name,
        "imap.auth": "xoauth2",
        "imap.oauth_token_url": f"{provider.url}/token",
        "imap.oauth_client_id": CLIENT_ID,
        "imap.oauth_client_secret": CLIENT_SECRET,
        "imap.oauth_refresh_token": provider.refresh_tokens[user.name],
        "imap.folders": "INBOX",
        **changes,
    }


def test_an_oauth_account_is_saved_from_the_form_and_lists_its_folders(
    client: Browser, oauth_user: ImapUser, provider: Provider, tmp_path: Path
) -> None:
    oauth_user.create("Jobs")
    refresh = provider.refresh_tokens[oauth_user.name]
    client.load("/settings")
    saved = client.submit("/settings/imap", _form(oauth_user, provider))
    assert saved.status_code == 303
    folder = tmp_path / "config"
    config = (folder / "config.toml").read_text()
    assert 'auth = "xoauth2"' in config and f'oauth_client_id = "{CLIENT_ID}"' in config
    assert CLIENT_SECRET not in config and refresh not in config
    assert (folder / "imap-oauth-client-secret").read_text() == CLIENT_SECRET + "\n"
    assert (folder / "imap-oauth-refresh-token").read_text() == refresh + "\n"
    assert (folder / "imap-oauth-refresh-token").stat().st_mode & 0o777 == 0o600
    page = client.load("/settings")
    assert "<strong>Refresh token:</strong> saved." in page
    assert "<strong>Client secret:</strong> saved." in page
    assert CLIENT_SECRET not in page and refresh not in page
    listed = client.submit("/settings/imap/folders")  # a token from the provider, then IMAP
    assert listed.status_code == 200
    assert 'name="imap.folder" value="Jobs">' in listed.text
    # Saving again without retyping keeps both secrets.
    again = _form(oauth_user, provider, **{"imap.oauth_client_secret": ""})
    again["imap.oauth_refresh_token"] = ""
    assert client.submit("/settings/imap", again).status_code == 303
    assert (folder / "imap-oauth-refresh-token").read_text() == refresh + "\n"
    # Removing the server forgets them.
    assert client.submit("/settings/imap", {"imap.host": "", "imap.user": ""}).status_code == 303
    assert not (folder / "imap-oauth-client-secret").exists()
    assert not (folder / "imap-oauth-refresh-token").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"imap.oauth_token_url": ""}, "imap.oauth_token_url", "token endpoint"),
        (
            {"imap.oauth_token_url": "http://login.example/token"},
            "imap.oauth_token_url",
            "https:// address",
        ),
        ({"imap.oauth_client_id": ""}, "imap.oauth_client_id", "client&#39;s id"),
        ({"imap.oauth_refresh_token": ""}, "imap.oauth_refresh_token", "Paste the refresh token"),
        ({"imap.oauth_refresh_token": "a\nb"}, "imap.oauth_refresh_token", "one line"),
        ({"imap.auth": "kerberos"}, "imap.auth", "Choose a password or OAuth"),
    ],
)
def test_bad_oauth_settings_are_named_and_nothing_is_saved(
    client: Browser, tmp_path: Path, changes: dict[str, str], field: str, message: str
) -> None:
    values = {
        "imap.host": "127.0.0.1",
        "imap.port": "1143",
        "imap.security": "none",
        "imap.user": "sam",
        "imap.auth": "xoauth2",
        "imap.oauth_token_url": "https://login.example/token",
        "imap.oauth_client_id": "client-1",
        "imap.oauth_client_secret": "s3cret",
        "imap.oauth_refresh_token": "refresh-me",
        **changes,
    }
    client.load("/settings")
    refused = client.submit("/settings/imap", values)
    assert refused.status_code == 422
    assert f'id="e-{field}"' in refused.text and message in refused.text
    assert "s3cret" not in refused.text and "refresh-me" not in refused.text
    if field != "imap.oauth_client_secret":  # typed, not sent back: the page asks for it again
        assert 'id="e-imap.oauth_client_secret">Type it again' in refused.text
    assert not (tmp_path / "config" / "config.toml").exists()
    assert not list((tmp_path / "config").glob("imap-*"))
