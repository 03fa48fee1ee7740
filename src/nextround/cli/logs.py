"""Logging for the command line: quiet unless asked (-v, -vv or NEXTROUND_LOG_LEVEL).

Log lines go to stderr and never carry a password, a token or a message
body: the code logs ids, counts and reasons, not the values users typed.
"""

from __future__ import annotations

import logging
import os
import sys

from nextround.errors import ConfigError

_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
}


def configure(verbose: int) -> None:
    named = os.environ.get("NEXTROUND_LOG_LEVEL", "").strip().lower()
    if named and named not in _LEVELS:
        raise ConfigError(
            f"NEXTROUND_LOG_LEVEL={named!r} is not a log level; use debug, info, warning or error"
        )
    if verbose:
        level = logging.DEBUG if verbose > 1 else logging.INFO
    else:
        level = _LEVELS.get(named, logging.ERROR)
    logger = logging.getLogger("nextround")
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
