"""Mailbox scans in the background of ``nextround serve``: one per owner at a time.

The Mail page (and the API) start a scan of the IMAP account, or of mail
files the user uploaded, in a thread of the server process that calls the
same service as ``nextround mail scan``; the page polls
``GET /api/v1/mail/scan`` (``static/mail.js``) for how many messages have been
read, and shows the summary once it is done. Uploaded files are kept in a
private temporary folder only while their scan runs, then deleted.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from fastapi import Request

from nextround.errors import Conflict, InvalidInput, NextroundError
from nextround.services import mail, mail_scope
from nextround.services.context import Context
from nextround.web import uploads
from nextround.web.uploads import clean_name

_log = logging.getLogger(__name__)

#: The most an upload may hold in all, in bytes (a year of a busy inbox is a few hundred MB).
MAX_UPLOAD = 200 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass
class ScanJob:
    """One scan: what it reads, how far it got, and how it ended."""

    what: str
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    state: str = "running"  # running, done, failed
    read: int = 0
    finished: datetime | None = None
    summary: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str = ""
    #: Mail sent before this day was left unread (as ``mail scan``'s default --since).
    since: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "what": self.what,
            "state": self.state,
            "read": self.read,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds") if self.finished else None,
            "summary": self.summary,
            "problems": self.problems,
            "error": self.error,
            "since": self.since,
        }


class Scans:
    """The scans of one server process, by owner: at most one running each."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[int, ScanJob] = {}

    def latest(self, owner: int) -> ScanJob | None:
        with self._lock:
            return self._jobs.get(owner)

    def running(self) -> int:
        """How many scans are running now, for everyone (the metrics' job gauge)."""
        with self._lock:
            return sum(job.state == "running" for job in self._jobs.values())

    def start(
        self,
        ctx: Context,
        what: str,
        work: Callable[[mail.Progress], mail.ScanReport],
        *,
        cleanup: Callable[[], None] = lambda: None,
    ) -> ScanJob:
        """Run ``work`` in a thread of its own; refused while the owner's last scan runs."""
        with self._lock:
            running = self._jobs.get(ctx.owner)
            if running is not None and running.state == "running":
                cleanup()
                raise Conflict(
                    f"A scan of {running.what} is already running ({running.read} messages "
                    "read so far); wait for it to finish, then start another."
                )
            job = self._jobs[ctx.owner] = ScanJob(what)
        thread = threading.Thread(
            target=_run, args=(job, work, cleanup), name="nextround-mail-scan", daemon=True
        )
        thread.start()
        return job


def _run(
    job: ScanJob, work: Callable[[mail.Progress], mail.ScanReport], cleanup: Callable[[], None]
) -> None:
    def progress(read: int) -> None:
        job.read = read

    try:
        report = work(progress)
    except NextroundError as exc:
        job.error, job.state = exc.message, "failed"
    except Exception as exc:  # the thread must say it ended, whatever happened
        _log.error("the mail scan stopped unexpectedly: %s", type(exc).__name__)
        job.error = (
            f"The scan stopped unexpectedly ({type(exc).__name__}); what it had read is kept. "
            "Try again, and please report it if it happens again."
        )
        job.state = "failed"
    else:
        job.read = report.read
        job.summary = {
            "read": report.read,
            "filed": len(report.filed),
            "to_review": report.to_review,
            "auto_confirmed": report.auto_confirmed,
            "already_seen": report.already_seen,
            "not_job_mail": report.not_job_mail,
            "problems": len(report.problems),
            "skipped_old": report.skipped_old,
        }
        job.since = report.since.isoformat() if report.since else None
        job.problems = [f"{p.source}: {p.message}" for p in report.problems[:50]]
        job.state = "done"
    finally:
        job.finished = datetime.now(UTC)
        cleanup()


def scans(request: Request) -> Scans:
    """This app's scans (made on first use)."""
    state = request.app.state
    with _made:
        if not hasattr(state, "mail_scans"):
            state.mail_scans = Scans()
    found: Scans = state.mail_scans
    return found


_made = threading.Lock()


def start_imap(request: Request, ctx: Context) -> ScanJob:
    """Scan the IMAP account set on the Settings page."""
    imap = ctx.settings.imap
    if not imap.host:
        raise InvalidInput(
            "No mail account is set up yet: add one on the Settings page, or upload a "
            "mailbox file below."
        )
    since = mail_scope.default_since(ctx)
    return scans(request).start(
        ctx,
        f"{imap.user} on {imap.host}",  # "sam@example.org on imap.example.org"
        lambda p: mail.scan_sources(ctx, use_imap=True, progress=p, since=since),
    )


def start_upload(request: Request, ctx: Context, files: Iterable[tuple[str, BinaryIO]]) -> ScanJob:
    """Scan uploaded mbox or .eml files; they are deleted when the scan ends."""
    # In this process's private uploads folder: removed at exit, should the server stop mid-scan.
    folder = Path(tempfile.mkdtemp(prefix="nextround-mail-", dir=uploads.folder()))
    try:
        paths = _save(folder, files)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    since = mail_scope.default_since(ctx)
    names = ", ".join(map(_uploaded_name, paths))
    what = names if len(names) <= 80 else f"{len(paths)} uploaded files"
    return scans(request).start(
        ctx,
        what,
        lambda p: mail.scan_sources(
            ctx, paths=paths, progress=p, since=since, shown_as=_as_uploaded(paths)
        ),
        cleanup=lambda: shutil.rmtree(folder, ignore_errors=True),
    )


def _uploaded_name(path: Path) -> str:
    """The name the file had on its owner's computer (``_save`` numbers the copies)."""
    return path.name.partition("-")[2]


def _as_uploaded(paths: list[Path]) -> dict[Path, str]:
    """Each upload as its owner knows it ("(uploaded) inbox.mbox"), not by its temporary copy:
    the same file uploaded twice is then one place in the problems list. Two files of one
    name in one upload are told apart ("(uploaded 2) inbox.mbox")."""
    shown: dict[Path, str] = {}
    for path in paths:
        name = _uploaded_name(path)
        taken = sum(_uploaded_name(other) == name for other in shown)
        shown[path] = f"(uploaded {taken + 1}) {name}" if taken else f"(uploaded) {name}"
    return shown


def cap() -> str:
    """The upload cap in words: ``200 MB``."""
    if MAX_UPLOAD < 1024 * 1024:
        return f"{MAX_UPLOAD} bytes"
    return f"{MAX_UPLOAD // (1024 * 1024)} MB"


def _save(folder: Path, files: Iterable[tuple[str, BinaryIO]]) -> list[Path]:
    paths: list[Path] = []
    total = 0
    for number, (name, data) in enumerate(files, 1):
        path = folder / f"{number}-{clean_name(name) or 'upload'}"
        with path.open("xb") as out:
            while chunk := data.read(_CHUNK):
                total += len(chunk)
                if total > MAX_UPLOAD:
                    raise InvalidInput(
                        f"The upload is larger than {cap()}; scan a big "
                        "mailbox with `nextround mail scan --mbox FILE` instead.",
                        field="file",
                    )
                out.write(chunk)
        paths.append(path)
    if not paths:
        raise InvalidInput("Choose an mbox file or one or more .eml files to scan.", field="file")
    if total == 0:
        names = ", ".join(map(_uploaded_name, paths))
        raise InvalidInput(
            f"{names} {'is' if len(paths) == 1 else 'are'} empty (0 bytes); choose a "
            "mailbox file that holds mail (most mail apps export a folder as mbox).",
            field="file",
        )
    return paths
