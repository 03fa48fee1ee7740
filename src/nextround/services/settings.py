"""Reading and saving the settings the web page edits, in ``config.toml`` (on a hosted
site: each user's own, in the database; see :mod:`nextround.services.user_settings`).

Saving keeps the file the user's own: tomlkit preserves comments, order and
settings this page doesn't show. The new file is written beside the old one,
read back through the same loader the app starts with (so the page can't
save what the app would refuse), and only then moved over it, atomically.
The SMTP password is never read into a page and never written to the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nextround.config import Settings, config_dir, load_settings
from nextround.domain.controls import first_control
from nextround.domain.settings import LANGUAGES, STEPS
from nextround.errors import ConfigError, InvalidInput, SetupNeeded
from nextround.mail import secrets
from nextround.mailconfig import SmtpSettings
from nextround.services.context import Context

#: The playbook's offsets in days, as (form field, label).
OFFSETS = (
    ("journal_days", "Journal the interviews"),
    ("card_days", "Thank-you card"),
    ("email_days", "Congratulations email"),
    ("invite_days", "LinkedIn invitation, after a yes"),
    ("follow_days", "Follow the company"),
    ("find_info_days", "Find a missing address or email"),
)
_TEXT = {
    "user.name": ("user", "name"),
    "user.email": ("user", "email"),
    "user.address": ("user", "address"),
    "user.signature": ("user", "signature"),
    "drafts.language": ("drafts", "language"),
    "cards.size": ("cards", "size"),
    "cards.sheet": ("cards", "sheet"),
    "smtp.host": ("smtp", "host"),
    "smtp.security": ("smtp", "security"),
    "smtp.user": ("smtp", "user"),
    "smtp.from": ("smtp", "from"),
    "smtp.password_file": ("smtp", "password_file"),
}
_INTS = {f"playbook.{key}": ("playbook", key) for key, _ in OFFSETS} | {
    "smtp.port": ("smtp", "port")
}
#: The playbook's steps as the form offers them: (kind, label).
STEP_CHOICES = (
    ("journal", "Journal the interviews, first"),
    ("thank_you_card", "Handwritten thank-you card to each interviewer"),
    ("congrats_email", "Congratulations email with “OK to connect?”"),
    ("linkedin_invite", "LinkedIn invitation, when they say yes"),
    ("follow_company", "Follow the company's accounts"),
    ("check_back", "Check back after some months"),
)
FIELDS = (*_INTS, "playbook.check_back_months", *_TEXT, "playbook.steps", "linkedin.free_account")


class InvalidSettings(InvalidInput):
    """Some settings were refused; ``fields`` maps each form field to its message."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        super().__init__("Some settings need another look; nothing was saved.")
        self.fields = dict(fields)


@dataclass(frozen=True)
class SettingsForm:
    values: dict[str, str]
    steps: frozenset[str]
    free_account: bool
    password: str
    path: str
    #: On a hosted site: saved as the user's own, the SMTP server and mailbox are the site's.
    hosted: bool = False


def config_path(settings: Settings) -> Path:
    return settings.config_path or config_dir() / "config.toml"


def current(ctx: Context) -> SettingsForm:
    """The settings in force, as the form shows them (the password only as found or not)."""
    s = ctx.settings
    values = {f"playbook.{key}": str(getattr(s.playbook, key)) for key, _ in OFFSETS}
    values["playbook.check_back_months"] = ", ".join(map(str, s.playbook.check_back_months))
    values |= {f"user.{k}": getattr(s.user, k) for k in ("name", "email", "address", "signature")}
    values["drafts.language"] = s.drafts.language
    values |= {"cards.size": s.cards.size.lower(), "cards.sheet": s.cards.sheet.lower()}
    values |= {
        "smtp.host": s.smtp.host,
        "smtp.port": str(s.smtp.port or ""),
        "smtp.security": s.smtp.security,
        "smtp.user": s.smtp.user,
        "smtp.from": s.smtp.sender,
        "smtp.password_file": str(s.smtp.password_file or ""),
    }
    return SettingsForm(
        values,
        frozenset(k.value for k in s.playbook.steps),
        s.playbook.linkedin_free_account,
        password_status(s.smtp),
        "" if s.hosted else str(config_path(s)),
        s.hosted,
    )


def password_status(smtp: SmtpSettings) -> str:
    """Where the SMTP password was found, in words; never the password."""
    if not smtp.user:
        return "No SMTP user is set, so no password is needed."
    if smtp.password:
        return "A password is set in NEXTROUND_SMTP_PASSWORD."
    try:
        if smtp.password_file is not None:
            found = secrets.read_password_file(smtp.password_file)
            return "A password is in the password file." if found else "The password file is empty."
        if secrets.keyring_password(smtp.user):
            return "A password is in the OS keyring."
    except ConfigError as exc:
        return exc.message
    return "No password found yet."


def save(
    ctx: Context, values: Mapping[str, str], steps: Collection[str], free_account: bool
) -> Settings:
    """Write the form's settings to config.toml; the settings now in force are returned."""
    changes = _parse(values)
    chosen = [k.value for k in STEPS if k.value in steps]
    changes[("playbook", "steps")] = None if len(chosen) == len(STEPS) else chosen
    # The default is a free account (200 characters): only a paid one is written down.
    changes[("linkedin", "free_account")] = None if free_account else False
    return _apply(ctx, changes)


#: What ``nextround setup`` and the first page ask: who the drafts are from, in which language.
PROFILE = ("user.name", "user.email", "user.signature", "user.address", "drafts.language")
#: The languages drafts can be written in, as (code, name) for a form.
LANGUAGE_CHOICES = tuple(LANGUAGES.items())


def save_profile(ctx: Context, values: Mapping[str, str]) -> Settings:
    """Save who the drafts are from (``user.name``, ``user.email``, ``user.address``,
    ``user.signature``) and their language (``drafts.language``), leaving every other
    setting as it is."""
    unknown = set(values) - set(PROFILE)
    if unknown:
        raise InvalidInput(f"not a profile setting: {', '.join(sorted(unknown))}")
    return _apply(ctx, _parse(values))


def name_needed(settings: Settings, what: str) -> None:
    """Refuse ``what`` (printing a card, sending an email) until the user's name is set:
    it would go out signed "[your name]"."""
    if not settings.user.name.strip():
        raise SetupNeeded(
            f"{what} needs your name to sign with, and none is set yet",
            setting="user.name",
        )


def save_table(ctx: Context, section: str, values: Mapping[str, Any]) -> Settings:
    """Write some keys of one table (None removes a key), checked like every save."""
    return _apply(ctx, {(section, key): value for key, value in values.items()})


def save_changes(ctx: Context, changes: Mapping[tuple[str, str], Any]) -> Settings:
    """Write any keys of any tables, (section, key) -> value (None removes the key), in one
    checked save; a restore brings a backup's settings back this way."""
    return _apply(ctx, changes)


def _apply(ctx: Context, changes: Mapping[tuple[str, str], Any]) -> Settings:
    """Apply ``changes`` (None removes a setting) to config.toml, checked before it replaces
    the file; the settings now in force are returned. On a hosted site: the user's own rows
    (:mod:`.user_settings`), never the file; a change to a site's setting is refused."""
    if ctx.settings.hosted:
        return _apply_personal(ctx, changes)
    import tomlkit
    from tomlkit.exceptions import ParseError

    path = config_path(ctx.settings)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        doc = tomlkit.parse(text)
    except ParseError as exc:
        raise ConfigError(
            f"config file {path} is not valid TOML ({exc}); fix or remove it"
        ) from None
    for (section, key), value in changes.items():
        _set(doc, section, key, value)
    _write_checked(path, tomlkit.dumps(doc), ctx.settings.db_url)
    return reloaded(ctx.settings)


#: Why a hosted user can't change a setting of the site's.
SITE_ONLY = "This setting is the site's on this hosted site; ask the site's admin."


def _apply_personal(ctx: Context, changes: Mapping[tuple[str, str], Any]) -> Settings:
    from nextround.services import user_settings

    refused = user_settings.site_changes(ctx.settings, changes)
    if refused:
        raise InvalidSettings({**dict.fromkeys(refused, SITE_ONLY), "form": SITE_ONLY})
    try:
        return user_settings.save(ctx, changes)
    except ConfigError as exc:
        raise InvalidSettings({_field_of(exc.message): _readable(exc.message)}) from None


def reloaded(settings: Settings) -> Settings:
    """``settings`` with what the config file (and the environment) say now."""
    fresh = load_settings(
        db=settings.db_url, environ={**os.environ, "NEXTROUND_CONFIG": str(config_path(settings))}
    )
    return replace(
        settings,
        playbook=fresh.playbook,
        user=fresh.user,
        smtp=fresh.smtp,
        cards=fresh.cards,
        drafts=fresh.drafts,
        interests=fresh.interests,
    )


def _parse(values: Mapping[str, str]) -> dict[tuple[str, str], Any]:
    """Form text as TOML values; None removes a setting (its default applies)."""
    changes: dict[tuple[str, str], Any] = {}
    problems: dict[str, str] = {}
    for name, where in _INTS.items():
        if name in values:
            text = values[name].strip()
            if text and not re.fullmatch(r"[+-]?\d{1,6}", text):
                problems[name] = (
                    "Give a whole number of days." if "playbook" in name else "Give a port number."
                )
            else:
                changes[where] = int(text) if text else None
    _parse_texts(values, changes, problems)
    language = changes.get(("drafts", "language"))
    if language is not None:
        changes[("drafts", "language")] = language = language.lower()
        if language not in LANGUAGES:
            problems["drafts.language"] = f"Choose one of {', '.join(LANGUAGES)}."
    if "playbook.check_back_months" in values:
        months = re.split(r"[,\s]+", values["playbook.check_back_months"].strip())
        if all(re.fullmatch(r"[+-]?\d{1,4}", m) for m in months if m):
            changes[("playbook", "check_back_months")] = [int(m) for m in months if m] or None
        else:
            problems["playbook.check_back_months"] = "List whole months, like 3, 6."
    if problems:
        raise InvalidSettings(problems)
    return changes


def _parse_texts(
    values: Mapping[str, str], changes: dict[tuple[str, str], Any], problems: dict[str, str]
) -> None:
    """The text settings in ``values`` into ``changes``; one holding a control character (a
    NUL byte, an escape: drafts and mail would carry it) into ``problems``."""
    for name, where in _TEXT.items():
        if name in values:
            changes[where] = values[name].strip().replace("\r\n", "\n") or None
            control = first_control(values[name])
            if control is not None:
                problems[name] = f"Remove the control character U+{ord(control):04X}."


def _set(doc: Any, section: str, key: str, value: Any) -> None:
    import tomlkit

    table = doc.get(section)
    if value is None:
        if table is not None and key in table:
            del table[key]
        return
    if table is None:
        table = doc[section] = tomlkit.table()
    if isinstance(value, str) and "\n" in value:
        value = tomlkit.string(value, multiline=True)
    if table.get(key) != value:
        table[key] = value


def _write_checked(path: Path, text: str, db_url: str) -> None:
    """Write beside ``path``, check it with the app's own loader, then move it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            load_settings(db=db_url, environ={"NEXTROUND_CONFIG": str(temporary)})
        except ConfigError as exc:
            raise InvalidSettings({_field_of(exc.message): _readable(exc.message)}) from None
        if path.exists():
            with contextlib.suppress(OSError):
                temporary.chmod(path.stat().st_mode & 0o777)
        temporary.replace(path)  # atomic, like os.replace
    finally:
        temporary.unlink(missing_ok=True)


def _field_of(message: str) -> str:
    named = [f for f in FIELDS if re.search(rf"\b{re.escape(f)}\b", message)]
    return max(named, key=len) if named else "form"


def _readable(message: str) -> str:
    """The loader's message without the temporary file's name."""
    text = re.sub(r"^config file \S+: ", "", message)
    return text[:1].upper() + text[1:]
