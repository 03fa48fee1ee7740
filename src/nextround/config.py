"""Settings, built once at the edge from flags, ``NEXTROUND_*`` variables, the TOML
config file and defaults, in that order of precedence.

The config file lives in the platform's config directory (``config.toml``), or
wherever ``NEXTROUND_CONFIG`` points. Draft templates placed in its
``templates/`` folder override the built-in ones.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nextround.domain.dates import parse_date
from nextround.domain.settings import STEPS, PlaybookSettings
from nextround.domain.tasks import Kind
from nextround.errors import ConfigError, InvalidInput

APP_NAME = "nextround"


@dataclass(frozen=True)
class UserProfile:
    """Who the drafts are from."""

    name: str = ""
    email: str = ""
    address: str = ""
    signature: str = ""


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

    def __post_init__(self) -> None:
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


@dataclass(frozen=True)
class CardSettings:
    """Printable cards: A2 (5.5 x 4.25 in, folded) or A6."""

    size: str = "A2"


@dataclass(frozen=True)
class Settings:
    db_url: str
    today: date
    playbook: PlaybookSettings = field(default_factory=PlaybookSettings)
    user: UserProfile = field(default_factory=UserProfile)
    templates_dir: Path | None = None
    config_path: Path | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    cards: CardSettings = field(default_factory=CardSettings)
    imap: ImapSettings = field(default_factory=ImapSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    #: True when --today or NEXTROUND_TODAY pinned the date; otherwise a
    #: long-running server asks the clock again for every request.
    today_pinned: bool = False


def config_dir() -> Path:
    """Where config.toml lives: $XDG_CONFIG_HOME/nextround on Linux."""
    return _xdg("XDG_CONFIG_HOME", ".config") or _platform_dir("config")


def data_dir() -> Path:
    """Where the database lives by default: $XDG_DATA_HOME/nextround on Linux."""
    return _xdg("XDG_DATA_HOME", ".local/share") or _platform_dir("data")


def _xdg(variable: str, default: str) -> Path | None:
    # The XDG base-directory rule, which is what platformdirs applies on Linux,
    # done here so that every start does not pay for importing platformdirs.
    if not sys.platform.startswith("linux"):
        return None
    base = os.environ.get(variable, "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / default
    return root / APP_NAME


def _platform_dir(kind: str) -> Path:
    import platformdirs

    path: Path = getattr(platformdirs, f"user_{kind}_path")(APP_NAME)
    return path


def load_settings(
    *,
    db: str | None = None,
    today: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from flags (the arguments), the environment and the config file."""
    env = os.environ if environ is None else environ
    path = Path(env["NEXTROUND_CONFIG"]) if env.get("NEXTROUND_CONFIG") else None
    if path is None:
        path = config_dir() / "config.toml"
    raw = read_config_file(path)
    db_url = db or env.get("NEXTROUND_DB") or _storage(raw, path)
    return Settings(
        db_url=str(db_url or data_dir() / "nextround.db"),
        today=_today(today, env.get("NEXTROUND_TODAY")),
        playbook=_playbook(raw, path),
        user=_user(raw, path),
        templates_dir=path.parent / "templates",
        config_path=path,
        smtp=_smtp(raw, path, env),
        cards=_cards(raw, path),
        imap=_imap(raw, path, env),
        mail=_mail(raw, path, env),
        today_pinned=bool(today or env.get("NEXTROUND_TODAY")),
    )


def _today(flag: str | None, env: str | None) -> date:
    if not (flag or env):
        return date.today()  # noqa: DTZ011 - the user's own calendar day
    what = "--today" if flag else "NEXTROUND_TODAY"
    try:
        return parse_date(flag or env or "", what=what)
    except InvalidInput as exc:
        raise ConfigError(exc.message) from None


def _storage(raw: Mapping[str, Any], path: Path) -> str | None:
    table = _section(raw, "storage", path)
    _no_unknown_keys(table, {"db"}, "storage", path)
    db = table.get("db")
    if db is not None and not isinstance(db, str):
        raise ConfigError(f"config file {path}: storage.db must be a path or URL in quotes")
    return db


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed config file; an absent file is an empty config."""
    if not path.exists():
        return {}
    import tomllib  # only when there is a file to read: start-up cost

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise ConfigError(f"config file {path} is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"config file {path} is not valid TOML ({exc}); fix or remove it"
        ) from None
    except OSError as exc:
        raise ConfigError(f"can't read config file {path}: {exc.strerror}") from None


_SECTIONS = {"storage", "playbook", "linkedin", "user", "smtp", "cards", "imap", "mail"}
_PLAYBOOK_INTS = (
    "journal_days",
    "card_days",
    "email_days",
    "invite_days",
    "follow_days",
    "find_info_days",
)


def _section(raw: Mapping[str, Any], name: str, path: Path) -> dict[str, Any]:
    unknown = set(raw) - _SECTIONS
    if unknown:
        raise ConfigError(
            f"config file {path}: unknown section [{sorted(unknown)[0]}]; "
            f"known sections are {', '.join(sorted(_SECTIONS))}"
        )
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"config file {path}: '{name}' must be a [{name}] table")
    return value


def _playbook(raw: Mapping[str, Any], path: Path) -> PlaybookSettings:
    table = _section(raw, "playbook", path)
    known = {*_PLAYBOOK_INTS, "check_back_months", "steps"}
    _no_unknown_keys(table, known, "playbook", path)
    values: dict[str, Any] = {}
    for key in _PLAYBOOK_INTS:
        if key in table:
            values[key] = _int(table[key], f"playbook.{key}", path, maximum=3650)
    if "check_back_months" in table:
        months = table["check_back_months"]
        if not isinstance(months, list) or not months:
            raise ConfigError(
                f"config file {path}: playbook.check_back_months must be a list like [3, 6]"
            )
        values["check_back_months"] = tuple(
            _int(m, "playbook.check_back_months", path, minimum=1, maximum=120) for m in months
        )
        if len(set(months)) != len(months):
            raise ConfigError(f"config file {path}: playbook.check_back_months lists a month twice")
    if "steps" in table:
        values["steps"] = _steps(table["steps"], path)
    linkedin = _section(raw, "linkedin", path)
    _no_unknown_keys(linkedin, {"free_account"}, "linkedin", path)
    free = linkedin.get("free_account", False)
    if not isinstance(free, bool):
        raise ConfigError(f"config file {path}: linkedin.free_account must be true or false")
    return PlaybookSettings(**values, linkedin_free_account=free)


def _steps(value: Any, path: Path) -> frozenset[Kind]:
    names = ", ".join(k.value for k in STEPS)
    if not isinstance(value, list):
        raise ConfigError(f"config file {path}: playbook.steps must be a list of: {names}")
    steps = set()
    for item in value:
        if item not in {k.value for k in STEPS}:
            raise ConfigError(
                f"config file {path}: unknown step {item!r} in playbook.steps; use: {names}"
            )
        steps.add(Kind(item))
    return frozenset(steps)


def _user(raw: Mapping[str, Any], path: Path) -> UserProfile:
    table = _section(raw, "user", path)
    _no_unknown_keys(table, {"name", "email", "address", "signature"}, "user", path)
    for key, value in table.items():
        if not isinstance(value, str):
            raise ConfigError(f"config file {path}: user.{key} must be text in quotes")
    return UserProfile(**table)


def _no_unknown_keys(table: Mapping[str, Any], known: set[str], name: str, path: Path) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"config file {path}: unknown setting {name}.{unknown[0]}; "
            f"known settings are {', '.join(sorted(known))}"
        )


def _int(value: Any, name: str, path: Path, minimum: int = 0, maximum: int = 3650) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ConfigError(
            f"config file {path}: {name} must be a whole number from {minimum} to {maximum}"
        )
    return value


_SMTP_KEYS = {"host", "port", "security", "user", "from", "password_file"}
_SECURITY = ("ssl", "starttls", "none")
_LOOPBACK = ("localhost", "::1", "127.")


def _smtp(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> SmtpSettings:
    table = dict(_section(raw, "smtp", path))
    if "password" in table:
        raise ConfigError(
            f"config file {path}: don't keep the SMTP password in the config file; set "
            "NEXTROUND_SMTP_PASSWORD, point smtp.password_file at a file, or use the OS keyring"
        )
    _no_unknown_keys(table, _SMTP_KEYS, "smtp", path)
    for key in _SMTP_KEYS:
        variable = "NEXTROUND_SMTP_" + ("FROM" if key == "from" else key.upper())
        if env.get(variable):
            table[key] = env[variable]
    port = table.get("port", 0)
    if isinstance(port, str):
        port = int(port) if port.isdigit() else -1
    smtp = SmtpSettings(
        host=_text(table.get("host", ""), "smtp.host", path),
        port=_int(port, "smtp.port", path, maximum=65535),
        security=_text(table.get("security", "starttls"), "smtp.security", path).lower(),
        user=_text(table.get("user", ""), "smtp.user", path),
        sender=_text(table.get("from", ""), "smtp.from", path),
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
}


def _imap(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> ImapSettings:
    """The [imap] table, each key overridden by its ``NEXTROUND_IMAP_*`` variable."""
    table = dict(_section(raw, "imap", path))
    if "password" in table:
        raise ConfigError(
            f"config file {path}: don't keep the IMAP password in the config file; set "
            "NEXTROUND_IMAP_PASSWORD, point imap.password_file at a file, or use the OS keyring"
        )
    _no_unknown_keys(table, set(_IMAP_KEYS), "imap", path)
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


def _cards(raw: Mapping[str, Any], path: Path) -> CardSettings:
    table = _section(raw, "cards", path)
    _no_unknown_keys(table, {"size"}, "cards", path)
    size = _text(table.get("size", "A2"), "cards.size", path).upper()
    if size not in {"A2", "A6"}:
        raise ConfigError(f'config file {path}: cards.size must be "A2" or "A6"')
    return CardSettings(size=size)


def _mail(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> MailSettings:
    table = _section(raw, "mail", path)
    _no_unknown_keys(table, {"auto_confirm_above"}, "mail", path)
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


def _text(value: Any, name: str, path: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"config file {path}: {name} must be text in quotes")
    return value.strip()
