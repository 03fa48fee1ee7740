"""XOAUTH2 against a real Dovecot (``passdb oauth2``) and a local OAuth token endpoint.

One small HTTP server on loopback plays the user's OAuth provider: ``/token``
trades a refresh token for an access token (RFC 6749 section 6), and
``/introspect`` tells Dovecot whether a token is live and whose it is
(RFC 7662). Dovecot asks it on every ``AUTHENTICATE XOAUTH2``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nextround.config import load_settings
from nextround.errors import ConfigError
from nextround.mail.imap import FolderState, ImapFailed, scan_imap
from nextround.mail.oauth import oauth_client
from nextround.mail.sources import RawMail
from nextround.mailconfig import ImapSettings
from tests.imapserver import Dovecot, ImapUser
from tests.oauthprovider import CLIENT_ID, CLIENT_SECRET, MESSAGE, Provider


def oauth_settings(account: ImapUser, provider: Provider, **changes: object) -> ImapSettings:
    values: dict[str, Any] = {
        "password": None,
        "auth": "xoauth2",
        "oauth_token_url": f"{provider.url}/token",
        "oauth_client_id": CLIENT_ID,
        "oauth_client_secret": CLIENT_SECRET,
        "oauth_refresh_token": provider.refresh_tokens[account.name],
    }
    values.update(changes)
    return account.settings(**values)


def test_a_scan_logs_in_with_a_refreshed_access_token(
    oauth_user: ImapUser, provider: Provider
) -> None:
    before = len(provider.token_posts)
    items = list(scan_imap(oauth_settings(oauth_user, provider), {}))
    assert [i.data for i in items if isinstance(i, RawMail)] == [MESSAGE]
    assert isinstance(items[-1], FolderState) and items[-1].last_uid == 1
    [post] = provider.token_posts[before:]
    assert post == {
        "grant_type": "refresh_token",
        "refresh_token": provider.refresh_tokens[oauth_user.name],
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }
    # Dovecot checked the very token the endpoint handed out.
    assert provider.introspected[-1] in provider.live


def test_a_token_for_someone_else_is_refused_by_the_server(
    oauth_user: ImapUser, oauth_dovecot: Dovecot, provider: Provider
) -> None:
    other = oauth_dovecot.add_user()
    settings = oauth_settings(oauth_user, provider, user=other.name)
    with pytest.raises(ImapFailed, match=rf"refused the login for {other.name}") as caught:
        list(scan_imap(settings, {}))
    assert "imap.user is the account the OAuth client's token is for" in caught.value.message


def test_a_refused_refresh_says_why_and_holds_no_secret(
    oauth_user: ImapUser, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    stale = oauth_settings(oauth_user, provider, oauth_refresh_token="no-longer-valid-token")
    with pytest.raises(ImapFailed) as caught:
        list(scan_imap(stale, {}))
    assert "refused to refresh the access token (invalid_grant)" in caught.value.message
    assert "\n" not in caught.value.message
    bad_client = oauth_settings(oauth_user, provider, oauth_client_secret="wrong-secret")
    with pytest.raises(ImapFailed, match=r"\(invalid_client\)") as caught_client:
        list(scan_imap(bad_client, {}))
    for text in (caught.value.message, caught_client.value.message, caplog.text):
        for secret in (CLIENT_SECRET, "wrong-secret", "no-longer-valid-token"):
            assert secret not in text
    assert CLIENT_SECRET not in repr(oauth_settings(oauth_user, provider))


def test_a_public_client_sends_no_secret(oauth_user: ImapUser, provider: Provider) -> None:
    before = len(provider.token_posts)
    public = oauth_settings(oauth_user, provider, oauth_client_secret=None)
    with pytest.raises(ImapFailed, match=r"\(invalid_client\)"):  # this provider wants one
        list(scan_imap(public, {}))
    [post] = provider.token_posts[before:]
    assert "client_secret" not in post and post["client_id"] == CLIENT_ID


def test_an_unreachable_token_endpoint_is_one_line(
    oauth_user: ImapUser, provider: Provider
) -> None:
    settings = oauth_settings(oauth_user, provider, oauth_token_url="http://127.0.0.1:9/token")
    with pytest.raises(ImapFailed, match=r"^can't reach the OAuth token endpoint 127\.0\.0\.1: "):
        list(scan_imap(settings, {}))


def test_missing_or_unsafe_oauth_settings_are_config_errors(
    oauth_user: ImapUser, provider: Provider
) -> None:
    with pytest.raises(ConfigError, match=r"needs imap\.oauth_token_url"):
        scan_imap(oauth_settings(oauth_user, provider, oauth_token_url=""), {})
    with pytest.raises(ConfigError, match="must be an https:// address"):
        scan_imap(
            oauth_settings(oauth_user, provider, oauth_token_url="http://oauth.example/token"), {}
        )
    with pytest.raises(
        ConfigError, match="needs the OAuth refresh token: set NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN"
    ):
        scan_imap(oauth_settings(oauth_user, provider, oauth_refresh_token=None), {})
    with pytest.raises(
        ConfigError, match=r"imap\.auth 'kerberos' must be one of: password, xoauth2"
    ):
        replace(oauth_settings(oauth_user, provider), auth="kerberos")


def test_secrets_come_from_files_and_config_keys_from_the_file(
    oauth_user: ImapUser, provider: Provider, tmp_path: Path
) -> None:
    secret_file = tmp_path / "client-secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    token_file = tmp_path / "refresh-token"
    token_file.write_text(provider.refresh_tokens[oauth_user.name] + "\n")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[imap]\nhost = "127.0.0.1"\nport = {oauth_user.settings().port}\nsecurity = "none"\n'
        f'user = "{oauth_user.name}"\nauth = "xoauth2"\n'
        f'oauth_token_url = "{provider.url}/token"\noauth_client_id = "{CLIENT_ID}"\n'
        f'oauth_client_secret_file = "{secret_file}"\noauth_refresh_token_file = "{token_file}"\n'
    )
    settings = load_settings(environ={"NEXTROUND_CONFIG": str(config)}).imap
    assert settings.auth == "xoauth2" and settings.oauth_client_secret is None
    items = list(scan_imap(settings, {}))
    assert [i.data for i in items if isinstance(i, RawMail)] == [MESSAGE]
    config.write_text(config.read_text() + 'oauth_refresh_token = "in-the-file"\n')
    with pytest.raises(ConfigError, match="don't keep the IMAP OAuth refresh token in the config"):
        load_settings(environ={"NEXTROUND_CONFIG": str(config)})


def test_every_oauth_key_has_its_environment_variable(tmp_path: Path) -> None:
    token_file = tmp_path / "refresh-token"
    token_file.write_text("refresh-me\n")
    environ = {
        "NEXTROUND_CONFIG": str(tmp_path / "missing.toml"),
        "NEXTROUND_IMAP_HOST": "imap.example.org",
        "NEXTROUND_IMAP_USER": "you@example.org",
        "NEXTROUND_IMAP_AUTH": "XOAUTH2",
        "NEXTROUND_IMAP_OAUTH_TOKEN_URL": "https://login.example.org/token",
        "NEXTROUND_IMAP_OAUTH_CLIENT_ID": "my-client",
        "NEXTROUND_IMAP_OAUTH_CLIENT_SECRET": "client-secret-from-env",
        "NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN_FILE": str(token_file),
    }
    imap = load_settings(environ=environ).imap
    assert (imap.auth, imap.oauth_token_url, imap.oauth_client_id) == (
        "xoauth2",
        "https://login.example.org/token",
        "my-client",
    )
    assert imap.oauth_client_secret == "client-secret-from-env"
    assert imap.oauth_refresh_token_file == token_file
    assert "client-secret-from-env" not in repr(imap)
    client = oauth_client(imap)
    assert (client.client_secret, client.refresh_token) == ("client-secret-from-env", "refresh-me")
    assert "refresh-me" not in repr(client)
    environ["NEXTROUND_IMAP_AUTH"] = "kerberos"
    with pytest.raises(ConfigError, match=r"imap\.auth 'kerberos' must be one of"):
        load_settings(environ=environ)


def test_a_rotated_refresh_token_is_kept_in_its_file_for_the_next_scan(
    oauth_user: ImapUser, provider: Provider, tmp_path: Path
) -> None:
    token_file = tmp_path / "refresh-token"
    token_file.write_text(provider.refresh_tokens[oauth_user.name] + "\n")
    token_file.chmod(0o644)
    provider.rotating.add(oauth_user.name)
    settings = oauth_settings(oauth_user, provider, oauth_refresh_token=None)
    settings = replace(settings, oauth_refresh_token_file=token_file)
    for _ in range(2):  # the second scan works only with the token the first one was given
        first = token_file.read_text()
        items = list(scan_imap(settings, {}))
        assert [i.data for i in items if isinstance(i, RawMail)] == [MESSAGE]
        assert token_file.read_text() == provider.refresh_tokens[oauth_user.name] + "\n" != first
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["refresh-token"]  # no temporary file left


def test_a_rotated_token_from_the_environment_is_a_warning_without_the_token(
    oauth_user: ImapUser, provider: Provider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    provider.rotating.add(oauth_user.name)
    items = list(scan_imap(oauth_settings(oauth_user, provider), {}))
    assert [i.data for i in items if isinstance(i, RawMail)] == [MESSAGE]
    assert "issued a new refresh token that nextround can't keep" in caplog.text
    assert "NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN_FILE" in caplog.text
    assert provider.refresh_tokens[oauth_user.name] not in caplog.text
