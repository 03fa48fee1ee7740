"""The user's own mail servers (SMTP out, IMAP in) and mailbox-scan settings.

Built by :func:`nextround.config.load_settings` from the ``[smtp]``, ``[imap]``
and ``[mail]`` tables and their ``NEXTROUND_*`` variables. Passwords never come
from the config file: the environment, a ``*_FILE`` path, or the OS keyring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nextround.configfile import no_unknown_keys, section, text, whole_number
from nextround.errors import ConfigError


@dataclass(frozen=True)
class SmtpSettings:
    """The user's own outgoing mail server. The password never comes from the
    config file: it is read from the environment, a file, or the OS keyring."""

    host: str = ""
    port: int = 0
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    password: str | None = field(default=None, repr=False)
    password_file: Path | None = None

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        return self.port or {"ssl": 465, "starttls": 587}.get(self.security, 25)


@dataclass(frozen=True)
class ImapSettings:
    """The user's own incoming mail server, read without changing anything on it.

    As for SMTP, the password never comes from the config file. ``security``
    ``none`` (no TLS) is refused for any server but this machine's.
    """

    host: str = ""
    port: int = 0
    security: str = "ssl"
    user: str = ""
    password: str | None = field(default=None, repr=False)
    password_file: Path | None = None
    folders: tuple[str, ...] = ("INBOX",)
    timeout: float = 30.0
    cafile: Path | None = None
    #: "password", or "xoauth2": log in with an access token from the user's own
    #: OAuth client (token endpoint, client id, client secret, refresh token).
    auth: str = "password"
    oauth_token_url: str = ""
    oauth_client_id: str = ""
    oauth_client_secret: str | None = field(default=None, repr=False)
    oauth_client_secret_file: Path | None = None
    oauth_refresh_token: str | None = field(default=None, repr=False)
    oauth_refresh_token_file: Path | None = None

    def __post_init__(self) -> None:
        if self.auth not in _AUTH:
            raise ConfigError(f"imap.auth {self.auth!r} must be one of: {', '.join(_AUTH)}")
        if self.security not in _SECURITY:
            raise ConfigError(
                f"imap.security {self.security!r} must be one of: {', '.join(_SECURITY)}"
            )
        if self.security == "none" and self.host and not is_loopback(self.host):
            raise ConfigError(
                "imap.security 'none' sends the password in the clear; it is allowed only for "
                f"a server on this machine (localhost, 127.x.x.x, ::1), not {self.host}. "
                "Use ssl (port 993) or starttls (port 143)"
            )
        if not self.folders:
            raise ConfigError("imap.folders names no folder; give at least one, such as INBOX")

    @property
    def configured(self) -> bool:
        return bool(self.host)

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "ssl" else 143)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine: localhost, 127.0.0.0/8 or ::1."""
    name = host.strip().removeprefix("[").removesuffix("]").rstrip(".").lower()
    if name == "localhost":
        return True
    import ipaddress  # only when a host needs checking: start-up cost

    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class MailSettings:
    """Mailbox scans: confirm job mail on its own above this confidence (None: never)."""

    auto_confirm_above: float | None = None


_SMTP_KEYS = {"host", "port", "security", "user", "from", "password_file"}
_SECURITY = ("ssl", "starttls", "none")
_AUTH = ("password", "xoauth2")
_LOOPBACK = ("localhost", "::1", "127.")


def smtp_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> SmtpSettings:
    table = dict(section(raw, "smtp", path))
    if "password" in table:
        raise ConfigError(
            f"config file {path}: don't keep the SMTP password in the config file; set "
            "NEXTROUND_SMTP_PASSWORD, point smtp.password_file at a file, or use the OS keyring"
        )
    no_unknown_keys(table, _SMTP_KEYS, "smtp", path)
    for key in _SMTP_KEYS:
        variable = "NEXTROUND_SMTP_" + ("FROM" if key == "from" else key.upper())
        if env.get(variable):
            table[key] = env[variable]
    port = table.get("port", 0)
    if isinstance(port, str):
        port = int(port) if port.isdigit() else -1
    smtp = SmtpSettings(
        host=text(table.get("host", ""), "smtp.host", path),
        port=whole_number(port, "smtp.port", path, maximum=65535),
        security=text(table.get("security", "starttls"), "smtp.security", path).lower(),
        user=text(table.get("user", ""), "smtp.user", path),
        sender=text(table.get("from", ""), "smtp.from", path),
        password=env.get("NEXTROUND_SMTP_PASSWORD") or None,
        password_file=Path(table["password_file"]).expanduser()
        if table.get("password_file")
        else None,
    )
    if smtp.security not in _SECURITY:
        raise ConfigError(f"smtp.security {smtp.security!r} must be one of: {', '.join(_SECURITY)}")
    if smtp.security == "none" and smtp.host and not smtp.host.startswith(_LOOPBACK):
        raise ConfigError(
            f"smtp.security 'none' sends the password in the clear; it is allowed only for a "
            f"server on this machine, not {smtp.host}. Use ssl or starttls"
        )
    return smtp


_IMAP_KEYS = {
    "host": "HOST",
    "port": "PORT",
    "security": "SECURITY",
    "user": "USER",
    "password_file": "PASSWORD_FILE",
    "folders": "FOLDERS",
    "cafile": "CA_FILE",
    "timeout": "TIMEOUT",
    "auth": "AUTH",
    "oauth_token_url": "OAUTH_TOKEN_URL",
    "oauth_client_id": "OAUTH_CLIENT_ID",
    "oauth_client_secret_file": "OAUTH_CLIENT_SECRET_FILE",
    "oauth_refresh_token_file": "OAUTH_REFRESH_TOKEN_FILE",
}
#: Secrets that never come from the config file, and where they come from instead.
_IMAP_SECRETS = {
    "password": "password",
    "oauth_client_secret": "OAuth client secret",
    "oauth_refresh_token": "OAuth refresh token",
}


def imap_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> ImapSettings:
    """The [imap] table, each key overridden by its ``NEXTROUND_IMAP_*`` variable."""
    table = dict(section(raw, "imap", path))
    for key, what in _IMAP_SECRETS.items():
        if key in table:
            raise ConfigError(
                f"config file {path}: don't keep the IMAP {what} in the config file; set "
                f"NEXTROUND_IMAP_{key.upper()}, point imap.{key}_file at a file, or use the "
                "OS keyring"
            )
    no_unknown_keys(table, set(_IMAP_KEYS), "imap", path)
    origin = {key: f"config file {path}: imap.{key}" for key in _IMAP_KEYS}
    for key, suffix in _IMAP_KEYS.items():
        variable = f"NEXTROUND_IMAP_{suffix}"
        if env.get(variable, "").strip():
            table[key], origin[key] = env[variable], variable
    return ImapSettings(
        host=_setting_text(table, "host", "", origin),
        port=_setting_number(table, "port", 0, origin, range(65536)),
        security=_setting_text(table, "security", "ssl", origin).lower(),
        user=_setting_text(table, "user", "", origin),
        password=env.get("NEXTROUND_IMAP_PASSWORD") or None,
        password_file=_setting_path(table, "password_file", origin),
        folders=_folders(table.get("folders", ["INBOX"]), origin["folders"]),
        timeout=_setting_number(table, "timeout", 30, origin, range(1, 601)),
        cafile=_setting_path(table, "cafile", origin),
        auth=_setting_text(table, "auth", "password", origin).lower(),
        oauth_token_url=_setting_text(table, "oauth_token_url", "", origin),
        oauth_client_id=_setting_text(table, "oauth_client_id", "", origin),
        oauth_client_secret=env.get("NEXTROUND_IMAP_OAUTH_CLIENT_SECRET") or None,
        oauth_client_secret_file=_setting_path(table, "oauth_client_secret_file", origin),
        oauth_refresh_token=env.get("NEXTROUND_IMAP_OAUTH_REFRESH_TOKEN") or None,
        oauth_refresh_token_file=_setting_path(table, "oauth_refresh_token_file", origin),
    )


def _setting_text(table: Mapping[str, Any], key: str, default: str, origin: dict[str, str]) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{origin[key]} must be text in quotes")
    return value.strip()


def _setting_number(
    table: Mapping[str, Any], key: str, default: int, origin: dict[str, str], bounds: range
) -> int:
    value = table.get(key, default)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in bounds:
        raise ConfigError(
            f"{origin[key]} must be a whole number from {bounds.start} to {bounds.stop - 1}"
        )
    return value


def _setting_path(table: Mapping[str, Any], key: str, origin: dict[str, str]) -> Path | None:
    text = _setting_text(table, key, "", origin)
    return Path(text).expanduser() if text else None


def _folders(value: Any, origin: str) -> tuple[str, ...]:
    """A TOML list of names, or (from the environment) names separated by commas."""
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError(f'{origin} must be a list of folder names, like ["INBOX", "Jobs"]')
    folders = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
    if not folders:
        raise ConfigError(f"{origin} names no folder; give at least one, such as INBOX")
    return folders


def mail_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> MailSettings:
    table = section(raw, "mail", path)
    no_unknown_keys(table, {"auto_confirm_above"}, "mail", path)
    value: Any = table.get("auto_confirm_above")
    where = f"config file {path}: mail.auto_confirm_above"
    if env.get("NEXTROUND_MAIL_AUTO_CONFIRM"):
        value, where = env["NEXTROUND_MAIL_AUTO_CONFIRM"], "NEXTROUND_MAIL_AUTO_CONFIRM"
    if value is None:
        return MailSettings()
    try:
        threshold = float(value)
    except (TypeError, ValueError):
        threshold = -1.0
    if isinstance(value, bool) or not 0.5 <= threshold <= 1.0:
        raise ConfigError(
            f"{where} must be a confidence between 0.5 and 1.0 (such as 0.95), not {value!r}"
        )
    return MailSettings(auto_confirm_above=threshold)
