"""Logging for nextround, without paying for it when nothing would be written.

Use :func:`info`, :func:`warning` and :func:`debug` rather than a logger of
your own: the standard :mod:`logging` module (a noticeable part of a quick
command's start-up) is imported only when a record passes the threshold the
command line set. Where nothing set one (the web server, a library user),
records go to the ``nextround`` logger as usual.

Log lines carry ids, counts and reasons, never a password, a token or a
message body.
"""

from __future__ import annotations

import sys
from typing import Any

DEBUG, INFO, WARNING, ERROR = 10, 20, 30, 40
LEVELS = {"debug": DEBUG, "info": INFO, "warning": WARNING, "error": ERROR}
NAME = "nextround"

#: Records below this level are dropped before logging is imported; None: not set.
_threshold: int | None = None
_to_stderr = False


def to_stderr(level: int) -> None:
    """Write records of ``level`` and above to stderr (the command line's choice)."""
    global _threshold, _to_stderr
    _threshold, _to_stderr = level, True


def at_least(level: int) -> None:
    """Write records of ``level`` and above to stderr, or more if asked already (-v):
    a long-running process (``nextround worker``) says what it does."""
    to_stderr(level if _threshold is None else min(_threshold, level))


def debug(message: str, *args: object) -> None:
    _emit(DEBUG, message, args)


def info(message: str, *args: object) -> None:
    _emit(INFO, message, args)


def warning(message: str, *args: object) -> None:
    _emit(WARNING, message, args)


def _emit(level: int, message: str, args: tuple[object, ...]) -> None:
    if _threshold is not None and level < _threshold:
        return
    _logger().log(level, message, *args)


def _logger() -> Any:
    import logging

    logger = logging.getLogger(NAME)
    if _to_stderr and not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(_threshold or WARNING)
    return logger
