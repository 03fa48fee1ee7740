"""What scans could not read or file: kept per source, listed for the user, never a stop.

One bad message never stops a scan. Whatever goes wrong with it, from reading
its bytes to storing what it means, becomes a
:class:`~nextround.mail.sources.SourceProblem` naming the message's place and
the step (``read``, ``parse``, ``classify``, ``match``, ``store``); the scan
counts it, stores it (:func:`record`) and goes on with the next message. A
later scan reads the message again (a newer nextround may read it); once it
is read without trouble its problem goes (:func:`resolved`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import TypeVar

from nextround.domain.controls import strip_controls
from nextround.domain.suggestions import MailProblem
from nextround.errors import NextroundError
from nextround.mail.sources import SourceProblem
from nextround.services.context import Context
from nextround.storage import mail

_log = logging.getLogger(__name__)
_T = TypeVar("_T")
_Item = TypeVar("_Item")


class Step:
    """The step a message is at, so that a failure can say where it happened."""

    def __init__(self) -> None:
        self.name = "parse"

    def __call__(self, name: str) -> None:
        self.name = name


def attempt(source: str, work: Callable[[Step], _T]) -> _T | SourceProblem:
    """``work``'s result, or the problem it ran into, named by step and source.

    Anything a message can raise is caught here, not only nextround's own
    errors: the parsers underneath are the standard library's and others', and
    a message from outside is made to find their corners. Only interrupts and
    exits pass.
    """
    step = Step()
    try:
        return work(step)
    except NextroundError as exc:
        return SourceProblem(source, exc.message, step=step.name)
    except Exception as exc:  # one message must never stop a scan
        _log.debug("reading %s failed at %s", source, step.name, exc_info=True)
        return SourceProblem(source, unexpected(exc), step=step.name)


def unexpected(exc: BaseException) -> str:
    """One line for an error nextround did not foresee (the details go to the debug log)."""
    detail = " ".join(str(exc).split())[:200]
    what = type(exc).__name__ + (f": {detail}" if detail else "")
    return f"nextround could not read this message ({what}); skipped, please report it"


def guarded(items: Iterable[_Item], where: str) -> Iterator[_Item | SourceProblem]:
    """``items`` until their reader fails; then one problem for ``where`` instead of an exception.

    nextround's own errors (a server that can't be reached at all) still stop
    the scan: they say what to fix before anything can be read.
    """
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except NextroundError:
            raise
        except Exception as exc:  # a broken reader ends its source, not the scan
            _log.debug("reading %s failed", where, exc_info=True)
            yield SourceProblem(where, f"reading stopped: {unexpected(exc)}")
            return
        yield item


def record(ctx: Context, problem: SourceProblem, *, subject: str = "", sender: str = "") -> None:
    """Store one problem (replacing the one stored for the same source)."""
    with ctx.db.transaction() as c:
        mail.save_problem(
            c,
            ctx.owner,
            source=problem.source,
            step=problem.step,
            # An error's text may quote the message: PostgreSQL refuses NUL bytes.
            reason=strip_controls(problem.message, lines=False),
            at=datetime.now(UTC).replace(tzinfo=None),
            subject=strip_controls(subject, lines=False),
            sender=strip_controls(sender, lines=False),
        )


def stored_sources(ctx: Context) -> set[str]:
    with ctx.db.read() as c:
        return mail.problem_sources(c, ctx.owner)


def resolved(ctx: Context, source: str) -> None:
    """A source read without trouble this time: its earlier problem goes."""
    with ctx.db.transaction() as c:
        mail.clear_problems(c, ctx.owner, [source])


def problems(ctx: Context) -> list[MailProblem]:
    """``mail review --problems``: every stored problem, the latest first."""
    with ctx.db.read() as c:
        return mail.problems(c, ctx.owner)


def forget(ctx: Context) -> int:
    """``mail review --problems --forget``: drop every stored problem; how many there were."""
    with ctx.db.transaction() as c:
        return mail.clear_problems(c, ctx.owner)
