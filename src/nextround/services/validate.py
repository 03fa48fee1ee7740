"""Checks on free-text input shared by the use cases (names, URLs, email addresses)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from nextround.errors import InvalidInput

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def name(value: str, what: str, *, field: str | None = None) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInput(f"{what} can't be empty", field=field)
    if len(value) > 200:
        raise InvalidInput(
            f"{what} is {len(value)} characters long; keep it under 200", field=field
        )
    return value


def optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def url(value: str | None, what: str, *, field: str | None = None) -> str | None:
    value = optional_text(value)
    if value is None:
        return None
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or "." not in parts.hostname:
        raise InvalidInput(
            f"{what} {value!r} is not a web address; use one like https://example.com",
            field=field,
        )
    return value


def email(value: str | None, field: str | None = None) -> str | None:
    value = optional_text(value)
    if value is not None and not _EMAIL.match(value):
        raise InvalidInput(
            f"email {value!r} is not an email address; use one like dana@example.com",
            field=field,
        )
    return value
