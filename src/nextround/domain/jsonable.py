"""Plain JSON shapes of domain values, shared by every face that speaks JSON."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, time
from typing import Any


def to_jsonable(value: Any) -> Any:  # noqa: PLR0911 - one case per kind of value
    """Dataclasses to dicts, dates to ISO text, enums to their values, recursively."""
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value
