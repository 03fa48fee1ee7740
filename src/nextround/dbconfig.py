"""How nextround connects to PostgreSQL: the connection pool's size and timeouts, and
extra connection parameters.

Built by :func:`nextround.config.load_settings` from the ``[database]`` table and
its ``NEXTROUND_DB_*`` variables; the same names in the database URL's query
string (``postgresql://host/db?pool_max_size=20``) win over both. SQLite
ignores them all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from nextround.configfile import no_unknown_keys, section
from nextround.errors import ConfigError

#: Setting name -> environment variable.
VARIABLES = {
    "pool_min_size": "NEXTROUND_DB_POOL_MIN_SIZE",
    "pool_max_size": "NEXTROUND_DB_POOL_MAX_SIZE",
    "pool_timeout": "NEXTROUND_DB_POOL_TIMEOUT",
    "connect_timeout": "NEXTROUND_DB_CONNECT_TIMEOUT",
    "prepared_statements": "NEXTROUND_DB_PREPARED_STATEMENTS",
}
#: Connection parameters nextround never sends: PgBouncer in transaction mode refuses
#: startup ``options`` (nextround sets what it needs per transaction), and a password
#: belongs in the URL, the environment (``PGPASSWORD``) or a ``.pgpass`` file.
REFUSED = {
    "options": "PgBouncer in transaction mode refuses startup options; "
    "nextround sets the time zone itself, per transaction",
    "password": "keep passwords out of the config file: put it in the URL, "
    "PGPASSWORD or a .pgpass file",
}


@dataclass(frozen=True)
class PoolSettings:
    """The connection pool to a PostgreSQL server, and how connections are made."""

    #: Connections kept open, and at most open at once, per process.
    pool_min_size: int = 1
    pool_max_size: int = 10
    #: Seconds a request waits for a free connection before failing.
    pool_timeout: float = 10.0
    #: Seconds to wait for the server to answer a new connection.
    connect_timeout: int = 10
    #: More libpq connection parameters (``sslmode``, ``application_name``, ...).
    connect: Mapping[str, str] = field(default_factory=dict)
    #: Whether a statement run often on one connection is prepared on the server (parsed
    #: and planned once): off behind a PgBouncer in transaction mode that doesn't keep
    #: them (before 1.21, or without ``max_prepared_statements``).
    prepared_statements: bool = True

    def checked(self, where: str) -> PoolSettings:
        if not 0 <= self.pool_min_size <= self.pool_max_size or self.pool_max_size < 1:
            raise ConfigError(
                f"{where}: pool_max_size must be at least 1, and pool_min_size from 0 to it "
                f"(got {self.pool_min_size} and {self.pool_max_size})"
            )
        if not (0 < self.pool_timeout <= 3600 and 0 < self.connect_timeout <= 3600):
            raise ConfigError(f"{where}: pool_timeout and connect_timeout are 1 to 3600 seconds")
        for key in self.connect:
            if key in REFUSED:
                raise ConfigError(f"{where}: the connection parameter {key!r}: {REFUSED[key]}")
        return self


def _number(value: object, name: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ConfigError(f"{where}: {name} must be a number")
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{where}: {name} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ConfigError(f"{where}: {name} must be a number, not {value!r}")
    return number


_YES, _NO = frozenset({"true", "yes", "on", "1"}), frozenset({"false", "no", "off", "0"})


def _flag(value: object, name: str, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YES | _NO:
        return value.strip().lower() in _YES
    raise ConfigError(f"{where}: {name} must be true or false, not {value!r}")


def _whole(value: object, name: str, where: str) -> int:
    number = _number(value, name, where)
    if number != int(number):
        raise ConfigError(f"{where}: {name} must be a whole number, not {value!r}")
    return int(number)


def _with(base: PoolSettings, values: Mapping[str, object], where: str) -> PoolSettings:
    changes: dict[str, Any] = {}
    for name in VARIABLES:
        if name in values:
            read = {"pool_timeout": _number, "prepared_statements": _flag}.get(name, _whole)
            changes[name] = read(values[name], name, where)
    return replace(base, **changes)


def database_settings(raw: Mapping[str, Any], path: Path, env: Mapping[str, str]) -> PoolSettings:
    """``[database]`` from the config file, then its ``NEXTROUND_DB_*`` variables."""
    table = section(raw, "database", path)
    no_unknown_keys(table, {*VARIABLES, "connect"}, "database", path)
    connect = table.get("connect", {})
    if not isinstance(connect, dict) or not all(isinstance(v, str) for v in connect.values()):
        raise ConfigError(
            f'config file {path}: [database.connect] holds text values, like sslmode = "require"'
        )
    found = _with(PoolSettings(connect=dict(connect)), table, f"config file {path}")
    found.checked(f"config file {path}")
    from_env = {name: env[var] for name, var in VARIABLES.items() if env.get(var, "").strip()}
    return _with(found, from_env, "the environment (NEXTROUND_DB_*)").checked("the environment")


def split_url(url: str, base: PoolSettings) -> tuple[str, PoolSettings]:
    """The URL without nextround's own query parameters, and the settings they change."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    ours = {k: v for k, v in query if k in VARIABLES}
    if not ours:
        return url, base
    rest = [(k, v) for k, v in query if k not in VARIABLES]
    settings = _with(base, ours, "the database URL").checked("the database URL")
    return urlunsplit(parts._replace(query=urlencode(rest))), settings
