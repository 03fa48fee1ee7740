"""Logging for the command line: quiet unless asked (-v, -vv or NEXTROUND_LOG_LEVEL)."""

from __future__ import annotations

import os

from nextround import log
from nextround.errors import ConfigError


def configure(verbose: int) -> None:
    named = os.environ.get("NEXTROUND_LOG_LEVEL", "").strip().lower()
    if named and named not in log.LEVELS:
        raise ConfigError(
            f"NEXTROUND_LOG_LEVEL={named!r} is not a log level; use debug, info, warning or error"
        )
    if verbose:
        level = log.DEBUG if verbose > 1 else log.INFO
    else:
        level = log.LEVELS.get(named, log.ERROR)
    log.to_stderr(level)
