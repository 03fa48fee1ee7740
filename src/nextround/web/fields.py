"""Form fields on the pages: parsing posted values and keeping each error beside its field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from starlette.datastructures import FormData

from nextround.domain.dates import parse_date
from nextround.errors import InvalidInput
from nextround.web.pages import text

T = TypeVar("T")

#: Field name -> the message shown beside it.
Errors = dict[str, str]


def parsed(errors: Errors, name: str, parse: Callable[[], T]) -> T | None:
    """``parse()``, or None with its message recorded against ``name``."""
    try:
        return parse()
    except InvalidInput as exc:
        errors[name] = sentence(exc.message)
        return None


def optional_date(form: FormData, errors: Errors, name: str, what: str) -> date | None:
    """An optional ``YYYY-MM-DD`` field; a malformed one is an error beside it."""
    value = text(form, name)
    return parsed(errors, name, lambda: parse_date(value, what=what)) if value else None


def required(form: FormData, errors: Errors, name: str, message: str) -> str:
    """A field that must not be blank."""
    value = text(form, name)
    if not value:
        errors[name] = message
    return value


def record(errors: Errors, exc: InvalidInput, default: str) -> None:
    """A service's refusal, beside the field it names (or ``default``)."""
    errors[exc.field or default] = sentence(exc.message)


def sentence(message: str) -> str:
    """Service messages start lower-case (they follow "Error: " on the CLI)."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def values(form: FormData, *names: str) -> dict[str, str]:
    """What the user typed, to show again when the form comes back with errors."""
    return {name: text(form, name) for name in names}
