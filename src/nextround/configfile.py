"""Reading the TOML config file, and the checks every setting's value goes through."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nextround.errors import ConfigError

#: Every table the config file may have.
SECTIONS = frozenset(
    {
        "storage",
        "database",
        "playbook",
        "linkedin",
        "user",
        "smtp",
        "cards",
        "imap",
        "mail",
        "watch",
        "drafts",
        "interests",
        "site",
        "oidc",
    }
)


def section(raw: Mapping[str, Any], name: str, path: Path) -> dict[str, Any]:
    unknown = set(raw) - SECTIONS
    if unknown:
        raise ConfigError(
            f"config file {path}: unknown section [{sorted(unknown)[0]}]; "
            f"known sections are {', '.join(sorted(SECTIONS))}"
        )
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"config file {path}: '{name}' must be a [{name}] table")
    return value


def no_unknown_keys(table: Mapping[str, Any], known: set[str], name: str, path: Path) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"config file {path}: unknown setting {name}.{unknown[0]}; "
            f"known settings are {', '.join(sorted(known))}"
        )


def whole_number(value: Any, name: str, path: Path, minimum: int = 0, maximum: int = 3650) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ConfigError(
            f"config file {path}: {name} must be a whole number from {minimum} to {maximum}"
        )
    return value


def text(value: Any, name: str, path: Path) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"config file {path}: {name} must be text in quotes")
    return value.strip()
