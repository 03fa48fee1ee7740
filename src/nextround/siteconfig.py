"""``[site]`` and ``[oidc]``: how a hosted site lets people in, and where its key is.

- ``[site] hosted`` (``NEXTROUND_HOSTED``): many users on one PostgreSQL site.
- ``[site] url`` (``NEXTROUND_SITE_URL``): the public address the one-time links use.
- ``[site] signup``: ``"invite"`` (the default: an admin adds people) or ``"open"``
  (anyone may sign up with an email address they can read mail at).
- ``[site] key_file`` (or ``NEXTROUND_SITE_KEY``, the key itself): the site key that
  encrypts the secrets users give the site (their mailbox and mail-server
  passwords). Like every password, never in the config file itself.
- ``[oidc]``: sign-in with the organisation's OpenID Connect provider: ``issuer``,
  ``client_id``, ``client_secret_file`` (or ``NEXTROUND_OIDC_CLIENT_SECRET``) and a
  ``label`` for the button ("Sign in with {label}").

Secrets are only ever named here (a file, a variable); the services read them when
they need them, so no secret sits in :class:`~nextround.config.Settings` or its repr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nextround.configfile import no_unknown_keys, section, text
from nextround.errors import ConfigError

SIGNUP_MODES = ("invite", "open")


@dataclass(frozen=True)
class OidcSettings:
    """The organisation's identity provider; unset (no issuer) means no such button."""

    issuer: str = ""
    client_id: str = ""
    client_secret_file: Path | None = None
    label: str = "your organisation"

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)


def site_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> dict[str, Any]:
    """The fields of :class:`~nextround.config.Settings` that ``[site]`` and ``[oidc]`` set."""
    table = section(raw, "site", path)
    no_unknown_keys(table, {"hosted", "url", "signup", "key_file"}, "site", path)
    hosted = table.get("hosted", False)
    if not isinstance(hosted, bool):
        raise ConfigError(f"config file {path}: site.hosted must be true or false")
    flag = env.get("NEXTROUND_HOSTED", "").strip().lower()
    if flag:
        if flag not in {"1", "true", "yes", "0", "false", "no"}:
            raise ConfigError("NEXTROUND_HOSTED must be 1 or 0")
        hosted = flag in {"1", "true", "yes"}
    url = env.get("NEXTROUND_SITE_URL", "").strip() or text(table.get("url", ""), "site.url", path)
    signup = text(table.get("signup", "invite"), "site.signup", path).strip().lower()
    if signup not in SIGNUP_MODES:
        raise ConfigError(
            f'config file {path}: site.signup must be "invite" or "open", not {signup!r}'
        )
    if "key" in table:
        raise ConfigError(
            f"config file {path}: don't keep the site key in the config file; point "
            "site.key_file at a file or set NEXTROUND_SITE_KEY"
        )
    key_file = text(table.get("key_file", ""), "site.key_file", path).strip()
    return {
        "hosted": hosted,
        "site_url": url.rstrip("/"),
        "signup": signup,
        "site_key_file": Path(key_file).expanduser() if key_file else None,
        "oidc": _oidc(raw, path),
    }


def _oidc(raw: Mapping[str, Any], path: Path) -> OidcSettings:
    table = section(raw, "oidc", path)
    no_unknown_keys(table, {"issuer", "client_id", "client_secret_file", "label"}, "oidc", path)
    if "client_secret" in table:
        raise ConfigError(
            f"config file {path}: don't keep the client secret in the config file; point "
            "oidc.client_secret_file at a file or set NEXTROUND_OIDC_CLIENT_SECRET"
        )
    issuer = text(table.get("issuer", ""), "oidc.issuer", path).strip().rstrip("/")
    if issuer and not issuer.startswith(("https://", "http://")):
        raise ConfigError(f"config file {path}: oidc.issuer must be an https:// address")
    client_id = text(table.get("client_id", ""), "oidc.client_id", path).strip()
    if bool(issuer) != bool(client_id):
        raise ConfigError(f"config file {path}: [oidc] needs both issuer and client_id")
    secret = text(table.get("client_secret_file", ""), "oidc.client_secret_file", path).strip()
    label = text(table.get("label", ""), "oidc.label", path).strip() or OidcSettings.label
    return OidcSettings(issuer, client_id, Path(secret).expanduser() if secret else None, label)
