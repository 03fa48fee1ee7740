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

from nextround.configfile import no_unknown_keys, section, text, whole_number
from nextround.dbconfig import PoolSettings, database_settings
from nextround.domain.dates import FIRST_YEAR, LAST_YEAR, parse_date
from nextround.domain.interests import Interests
from nextround.domain.settings import LANGUAGES, STEPS, PlaybookSettings
from nextround.domain.tasks import Kind
from nextround.errors import ConfigError, InvalidInput
from nextround.mailconfig import (
    ImapSettings,
    MailSettings,
    SmtpSettings,
    imap_settings,
    mail_settings,
    smtp_settings,
)
from nextround.siteconfig import OidcSettings, site_settings
from nextround.watchconfig import WatchSettings, watch_settings

APP_NAME = "nextround"


@dataclass(frozen=True)
class UserProfile:
    """Who the drafts are from."""

    name: str = ""
    email: str = ""
    address: str = ""
    signature: str = ""


@dataclass(frozen=True)
class DraftSettings:
    """How drafts are written: the default language (one of ``LANGUAGES``)."""

    language: str = "en"


@dataclass(frozen=True)
class CardSettings:
    """Printable cards: the card size (A6, A2, A7 or DL, each with its envelope) and
    the sheet they are printed on (A4, LETTER, or ENVELOPE: straight on the pieces).
    No sheet set: Letter for the US sizes (A2, A7), A4 for the others."""

    size: str = "A2"
    sheet: str = ""

    @property
    def paper(self) -> str:
        return self.sheet or ("LETTER" if self.size in {"A2", "A7"} else "A4")


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
    watch: WatchSettings = field(default_factory=WatchSettings)
    drafts: DraftSettings = field(default_factory=DraftSettings)
    #: What the user looks for in postings at watched companies (``[interests]``).
    interests: Interests = field(default_factory=Interests)
    #: True when --today or NEXTROUND_TODAY pinned the date; otherwise a
    #: long-running server asks the clock again for every request.
    today_pinned: bool = False
    #: The PostgreSQL connection pool and connection parameters (``[database]``).
    database: PoolSettings = field(default_factory=PoolSettings)
    #: Many users on one site (``[site] hosted``, ``NEXTROUND_HOSTED``): PostgreSQL only,
    #: every request needs a login, and each login is one user's.
    hosted: bool = False
    #: The site's public address, for the one-time links (``[site] url``).
    site_url: str = ""
    #: Who may make an account on a hosted site: "invite" (an admin adds them) or "open".
    signup: str = "invite"
    #: The file holding the site key that encrypts users' secrets (``[site] key_file``);
    #: ``NEXTROUND_SITE_KEY`` gives the key itself (read where it is used, never kept here).
    site_key_file: Path | None = None
    #: Sign-in with the organisation's OpenID Connect provider (``[oidc]``).
    oidc: OidcSettings = field(default_factory=OidcSettings)


def config_dir() -> Path:
    """Where config.toml lives: $XDG_CONFIG_HOME/nextround on Linux."""
    return _xdg("XDG_CONFIG_HOME", ".config") or _platform_dir("config")


def data_dir() -> Path:
    """Where the database lives by default: $XDG_DATA_HOME/nextround on Linux."""
    return _xdg("XDG_DATA_HOME", ".local/share") or _platform_dir("data")


def default_db() -> str:
    """The database used when none is named: created on first use."""
    return str(data_dir() / "nextround.db")


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
        db_url=str(db_url or default_db()),
        today=_today(today, env.get("NEXTROUND_TODAY")),
        playbook=_playbook(raw, path),
        user=_user(raw, path),
        templates_dir=path.parent / "templates",
        config_path=path,
        smtp=smtp_settings(raw, path, env),
        cards=_cards(raw, path),
        imap=imap_settings(raw, path, env),
        mail=mail_settings(raw, path, env),
        watch=watch_settings(raw, path, env),
        drafts=_drafts(raw, path),
        interests=_interests(raw, path),
        today_pinned=bool(today or env.get("NEXTROUND_TODAY")),
        database=database_settings(raw, path, env),
        **site_settings(raw, path, env),
    )


def personal_fields(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> dict[str, Any]:
    """The fields of :class:`Settings` a hosted user may set for themselves, read from
    ``raw`` (a config file's tables) by the same checks as the file's: a user's own
    settings go through these (see :mod:`nextround.services.user_settings`)."""
    return {
        "playbook": _playbook(raw, path),
        "user": _user(raw, path),
        "cards": _cards(raw, path),
        "mail": mail_settings(raw, path, env),
        "watch": watch_settings(raw, path, env),
        "drafts": _drafts(raw, path),
        "interests": _interests(raw, path),
    }


def _today(flag: str | None, env: str | None) -> date:
    if not (flag or env):
        return date.today()  # noqa: DTZ011 - the user's own calendar day
    what = "--today" if flag else "NEXTROUND_TODAY"
    try:
        day = parse_date(flag or env or "", what=what)
    except InvalidInput as exc:
        raise ConfigError(exc.message) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ConfigError(
            f"{what} {day} is out of range; use a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


def _storage(raw: Mapping[str, Any], path: Path) -> str | None:
    table = section(raw, "storage", path)
    no_unknown_keys(table, {"db"}, "storage", path)
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


_PLAYBOOK_INTS = (
    "journal_days",
    "card_days",
    "email_days",
    "invite_days",
    "follow_days",
    "find_info_days",
)


def _playbook(raw: Mapping[str, Any], path: Path) -> PlaybookSettings:
    table = section(raw, "playbook", path)
    known = {*_PLAYBOOK_INTS, "check_back_months", "steps"}
    no_unknown_keys(table, known, "playbook", path)
    values: dict[str, Any] = {}
    for key in _PLAYBOOK_INTS:
        if key in table:
            values[key] = whole_number(table[key], f"playbook.{key}", path, maximum=3650)
    if "check_back_months" in table:
        months = table["check_back_months"]
        if not isinstance(months, list) or not months:
            raise ConfigError(
                f"config file {path}: playbook.check_back_months must be a list like [3, 6]"
            )
        values["check_back_months"] = tuple(
            whole_number(m, "playbook.check_back_months", path, minimum=1, maximum=120)
            for m in months
        )
        if len(set(months)) != len(months):
            raise ConfigError(f"config file {path}: playbook.check_back_months lists a month twice")
    if "steps" in table:
        values["steps"] = _steps(table["steps"], path)
    linkedin = section(raw, "linkedin", path)
    no_unknown_keys(linkedin, {"free_account"}, "linkedin", path)
    # Most free accounts get 200 characters for a note; a paid one says free_account = false.
    free = linkedin.get("free_account", True)
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
    table = section(raw, "user", path)
    no_unknown_keys(table, {"name", "email", "address", "signature"}, "user", path)
    for key, value in table.items():
        if not isinstance(value, str):
            raise ConfigError(f"config file {path}: user.{key} must be text in quotes")
    return UserProfile(**table)


def _cards(raw: Mapping[str, Any], path: Path) -> CardSettings:
    table = section(raw, "cards", path)
    no_unknown_keys(table, {"size", "sheet"}, "cards", path)
    size = text(table.get("size", "A2"), "cards.size", path).strip().upper()
    if size not in {"A6", "A2", "A7", "DL"}:
        raise ConfigError(f'config file {path}: cards.size must be "A6", "A2", "A7" or "DL"')
    sheet = text(table.get("sheet", ""), "cards.sheet", path).strip().upper()
    if sheet not in {"", "A4", "LETTER", "ENVELOPE"}:
        raise ConfigError(f'config file {path}: cards.sheet must be "A4", "Letter" or "envelope"')
    return CardSettings(size=size, sheet=sheet)


def _drafts(raw: Mapping[str, Any], path: Path) -> DraftSettings:
    table = section(raw, "drafts", path)
    no_unknown_keys(table, {"language"}, "drafts", path)
    language = text(table.get("language", "en"), "drafts.language", path).lower()
    if language not in LANGUAGES:
        raise ConfigError(
            f"config file {path}: drafts.language must be one of {', '.join(LANGUAGES)}"
        )
    return DraftSettings(language=language)


def _interests(raw: Mapping[str, Any], path: Path) -> Interests:
    table = section(raw, "interests", path)
    no_unknown_keys(table, {"titles", "seniority", "locations", "remote"}, "interests", path)
    lists = {}
    for key in ("titles", "seniority", "locations"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f'config file {path}: interests.{key} must be a list of text, like ["Berlin"]'
            )
        lists[key] = tuple(value)
    remote = text(table.get("remote", "any"), "interests.remote", path)
    try:
        return Interests(**lists, remote=remote).checked()
    except InvalidInput as exc:
        raise ConfigError(f"config file {path}: interests: {exc.message}") from None
