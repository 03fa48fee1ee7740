"""Form fields on the pages: parsing posted values and keeping each error beside its field.

Form fields are named as the domain's inputs name them (``website``,
``salary_min``, ``company_id``), so a service's ``InvalidInput.fields`` lands
beside the field at fault without translation.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import TypeVar

from starlette.datastructures import FormData

from nextround.domain.dates import parse_date
from nextround.errors import InvalidInput, NotFound
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


def optional(form: FormData, name: str) -> str | None:
    """A text field left empty is None: the domain reads None as "none given" (or "clear")."""
    return text(form, name) or None


def optional_date(form: FormData, errors: Errors, name: str, what: str) -> date | None:
    """An optional ``YYYY-MM-DD`` field; a malformed one is an error beside it."""
    value = text(form, name)
    return parsed(errors, name, lambda: parse_date(value, what=what)) if value else None


def required_date(form: FormData, errors: Errors, name: str, what: str) -> date | None:
    """A ``YYYY-MM-DD`` field that must be given."""
    if not text(form, name):
        errors[name] = f"Give the {what}."
        return None
    return optional_date(form, errors, name, what)


def whole_number(form: FormData, errors: Errors, name: str, what: str) -> int | None:
    """An optional whole number; thousands separators (``80,000``) are fine."""
    value = "".join(text(form, name).replace(",", "").replace("_", "").split())
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        errors[name] = f"The {what} {text(form, name)!r} is not a whole number; use digits only."
        return None
    return int(value)


def form_id(form: FormData, name: str, noun: str) -> int | None:
    """A record id a form sends (a select's value); empty is None, anything else not a number
    is an id that matches nothing."""
    value = text(form, name)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise NotFound(f"no {noun} with id {value!r}")
    return int(value)


def record(errors: Errors, exc: InvalidInput, default: str, known: Collection[str] = ()) -> None:
    """A service's refusal, each message beside the field it names.

    A message for a field the form doesn't show (or for no field) goes beside
    ``default``, so that none is lost.
    """
    for name, message in (exc.fields or {default: exc.message}).items():
        shown = name if name and (not known or name in known) else default
        errors.setdefault(shown, sentence(message))


def sentence(message: str) -> str:
    """Service messages start lower-case (they follow "Error: " on the CLI)."""
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "?", "!")) else message + "."


def values(form: FormData, *names: str) -> dict[str, str]:
    """What the user typed, to show again when the form comes back with errors."""
    return {name: text(form, name) for name in names}
