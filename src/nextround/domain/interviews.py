"""Interviews: when, how, and with whom."""

from __future__ import annotations

import enum
import re
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
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?", text.strip())
    if match is None:
        raise InvalidInput(f"time {text!r} is not a time; use HH:MM, for example 14:30")
    return time(int(match[1]), int(match[2]), int(match[3] or 0))
