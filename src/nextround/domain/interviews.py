"""Interviews: when, how, and with whom."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, time

from nextround.errors import InvalidInput


class Format(enum.StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    TAKE_HOME = "take-home"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Format:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise InvalidInput(
                f"unknown interview format {text!r}; choose one of: {names}"
            ) from None


@dataclass(frozen=True)
class Interview:
    id: int
    application_id: int
    on: date
    at: time | None = None
    format: Format = Format.VIDEO
    interviewer_ids: tuple[int, ...] = field(default_factory=tuple)
    notes: str = ""


def parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"time {text!r} is not a time; use HH:MM, for example 14:30") from None
