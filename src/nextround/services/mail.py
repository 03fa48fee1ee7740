"""The mailbox: scan for job mail and replies, review what was found, confirm or dismiss.

Scanning reads (never changes) the user's mail, and files what it finds in a
review queue: rejections, interview invitations, receipts and offers tied to
an application where it can be, and interviewers' replies to the
congratulations email with a guess at their answer. Confirming a rejection
runs the playbook exactly as ``nextround reject`` does. A message is filed
once, however often it is scanned (its Message-ID is the key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.classify import classify, connect_answer
from nextround.domain.applications import Application
from nextround.domain.mail import Label, MailMessage
from nextround.domain.mail_matching import KnownCompany, KnownPerson, match
from nextround.domain.people import ConnectAnswer, Relationship
from nextround.domain.suggestions import Suggestion, SuggestionKind, SuggestionStatus
from nextround.errors import NextroundError
from nextround.mail.imap import FolderState, scan_imap
from nextround.mail.messages import parse_message
from nextround.mail.sources import RawMail, SourceProblem
from nextround.services import mail_problems as problems
from nextround.services import mail_review, user_secrets
from nextround.services.context import Context, relabel
from nextround.services.mail_classify import letter_of
from nextround.services.mail_scope import each_path, fold_reason, within
from nextround.storage import applications, companies, mail, people

if TYPE_CHECKING:
    from nextround.storage.sql import Connection

_EXCERPT = 400


@dataclass
class ScanReport:
    read: int = 0
    filed: list[Suggestion] = field(default_factory=list)
    auto_confirmed: int = 0
    already_seen: int = 0
    not_job_mail: int = 0
    folders_done: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    #: Newsletters and job alerts filed out of the review list (``mail review --folded``).
    folded: int = 0
    #: Messages in files sent before ``since``, left unread (IMAP leaves them on the server).
    skipped_old: int = 0
    since: date | None = None

    @property
    def to_review(self) -> int:
        """What the user is left to confirm or dismiss: filed, less what confirmed itself."""
        return len(self.filed) - self.auto_confirmed

    def merge(self, other: ScanReport) -> None:
        self.read += other.read
        self.filed += other.filed
        self.auto_confirmed += other.auto_confirmed
        self.already_seen += other.already_seen
        self.not_job_mail += other.not_job_mail
        self.folded += other.folded
        self.skipped_old += other.skipped_old
        self.folders_done += other.folders_done
        self.problems += other.problems

    def to_json(self) -> dict[str, object]:
        return {
            "read": self.read,
            "filed": [s.to_json() for s in self.filed],
            "auto_confirmed": self.auto_confirmed,
            "already_seen": self.already_seen,
            "not_job_mail": self.not_job_mail,
            "folded": self.folded,
            "skipped_old": self.skipped_old,
            "since": self.since.isoformat() if self.since else None,
            "folders_done": self.folders_done,
            "problems": [
                {"source": p.source, "step": p.step, "message": p.message} for p in self.problems
            ],
        }


@dataclass
class _Known:
    """What matching compares a message with, loaded once per scan."""

    companies: list[KnownCompany]
    applications: list[Application]
    people: list[KnownPerson]
    #: Address -> person, for everyone asked "OK to connect?" who hasn't answered.
    awaiting: dict[str, KnownPerson]
    #: Message-ID of each congratulations email sent -> person.
    sent: dict[str, KnownPerson]
    seen: set[str] = field(default_factory=set)
    #: Sources with a stored problem: read fine this time, the problem goes.
    problems: set[str] = field(default_factory=set)


#: Told the running total of messages read after each one (a progress display).
Progress = Callable[[int], None]


def scan_sources(
    ctx: Context,
    *,
    paths: Iterable[Path] = (),
    use_imap: bool = False,
    progress: Progress | None = None,
    since: date | None = None,
    shown_as: Mapping[Path, str] | None = None,
) -> ScanReport:
    """``mail scan``: files and folders first, then the IMAP account when asked.

    Each path is read on its own, so a reader that fails ends only its path.
    ``shown_as`` names paths the user never saw (an upload's temporary copy) the way
    they know them, in every source and problem the scan records.
    ``progress``, if given, is called with the number of messages read so far.
    Mail sent before ``since`` is skipped: files by their Date header, IMAP by
    the server's ``SEARCH SINCE`` (``mail_scope.default_since`` gives the
    usual day; None reads everything).
    """
    threshold = ctx.settings.mail.auto_confirm_above
    skipped = [0]
    items = within(each_path(ctx, paths, shown_as or {}), since, skipped)
    report = scan(ctx, items, auto_confirm_above=threshold, progress=progress)
    report.skipped_old = skipped[0]
    report.since = since
    if use_imap:
        # A hosted user's own mailbox (refused, saying how, when they have none).
        imap = user_secrets.mailbox(ctx)
        account = f"imap://{imap.user}@{imap.host}:{imap.port}"
        done = report.read
        more = scan(
            ctx,
            problems.guarded(scan_imap(imap, imap_known(ctx, account), since=since), account),
            account=account,
            auto_confirm_above=threshold,
            progress=None if progress is None else (lambda n: progress(done + n)),
        )
        report.merge(more)
    return report


def imap_known(ctx: Context, account: str) -> dict[str, FolderState]:
    """The stored progress of each folder of one IMAP account, by folder name."""
    prefix = f"{account}/"
    with ctx.db.read() as c:
        states = mail.folder_states(c, ctx.owner)
    return {
        key.removeprefix(prefix): FolderState(key.removeprefix(prefix), validity, last)
        for key, (validity, last) in states.items()
        if key.startswith(prefix)
    }


def scan(
    ctx: Context,
    items: Iterable[RawMail | SourceProblem | FolderState],
    *,
    account: str | None = None,
    auto_confirm_above: float | None = None,
    progress: Progress | None = None,
) -> ScanReport:
    """File the job mail and replies in ``items``; each message is its own transaction.

    A folder's progress (``FolderState``) is stored only once every message of
    it was read, so a scan cut short reads that folder again next time (and
    files nothing twice).
    """
    report = ScanReport()
    known = _load_known(ctx)
    known.problems = problems.stored_sources(ctx)
    for item in items:
        if isinstance(item, SourceProblem):
            _problem(ctx, report, item)
        elif isinstance(item, FolderState):
            _save_folder(ctx, account, item)
            report.folders_done.append(item.folder)
            if item.source in known.problems:  # read to the end this time
                problems.resolved(ctx, item.source)
                known.problems.discard(item.source)
        else:
            report.read += 1
            _file_one(ctx, item, known, report, auto_confirm_above)
            if progress is not None:
                progress(report.read)
    return report


def _file_one(
    ctx: Context, item: RawMail, known: _Known, report: ScanReport, threshold: float | None
) -> None:
    """File one message; whatever goes wrong is its problem, and the scan goes on."""
    failed = problems.attempt(
        item.source, lambda step: _file(ctx, item, known, report, threshold, step)
    )
    if isinstance(failed, SourceProblem):
        _problem(ctx, report, failed)
    elif item.source in known.problems:
        problems.resolved(ctx, item.source)
        known.problems.discard(item.source)


def _problem(ctx: Context, report: ScanReport, problem: SourceProblem) -> None:
    report.problems.append(problem)
    try:
        problems.record(ctx, problem)
    except Exception as exc:  # the database refused even that: say so, go on
        why = exc.message if isinstance(exc, NextroundError) else problems.unexpected(exc)
        report.problems.append(
            SourceProblem(problem.source, f"the problem could not be stored: {why}", "store")
        )


# Filing ------------------------------------------------------------------


def _load_known(ctx: Context) -> _Known:
    with ctx.db.read() as c:
        everyone = people.list_all(c, ctx.owner)
        relations = people.relationships_of(c, ctx.owner, [p.id for p in everyone])
        known_people = [KnownPerson(p.id, p.company_id, p.email) for p in everyone]
        by_id = {p.id: p for p in known_people}
        sent = mail.people_by_sent_message(c, ctx.owner)
        return _Known(
            companies=[
                KnownCompany(co.id, co.name, co.website) for co in companies.list_all(c, ctx.owner)
            ],
            applications=applications.list_all(c, ctx.owner),
            people=known_people,
            awaiting={
                p.email.strip().lower(): p
                for p in known_people
                if p.email and _awaits_answer(relations.get(p.id))
            },
            sent={m: by_id[pid] for m, pid in sent.items() if pid in by_id},
        )


def _awaits_answer(rel: Relationship | None) -> bool:
    return rel is not None and rel.asked_to_connect_on is not None and rel.answer is None


def _file(
    ctx: Context,
    item: RawMail,
    known: _Known,
    report: ScanReport,
    threshold: float | None,
    step: problems.Step,
) -> None:
    message = parse_message(item.data)
    if message.message_id in known.seen:
        report.already_seen += 1
        return
    step("classify")
    values = _reply_values(message, known) or _job_values(message, known, step)
    if values is None:
        report.not_job_mail += 1
        known.seen.add(message.message_id)
        return
    fold = None
    if values["kind"] == SuggestionKind.JOB.value:
        fold = fold_reason(item, message, tied=values["application_id"] is not None)
        if fold:
            values["evidence"] = (f"folded away: {fold.value}", *_strings(values["evidence"]))
    status = SuggestionStatus.FOLDED if fold else SuggestionStatus.PENDING
    # A guess among several applications waits for the user, however sure the label.
    sure_of_application = not values.pop("application_guessed", False)
    step("store")
    with ctx.db.transaction() as c:
        if mail.known_message_ids(c, ctx.owner, [message.message_id]):
            report.already_seen += 1
            known.seen.add(message.message_id)
            return
        new_id = mail.add_suggestion(
            c, ctx.owner, status=status.value, **_common(item, message), **values
        )
        auto = not fold and sure_of_application
        auto = auto and _auto(mail_review.reloaded(c, ctx, new_id), threshold)
        auto = auto and _applied(c, ctx, new_id)
        filed = mail_review.reloaded(c, ctx, new_id)
    # Counted once the transaction holds: a message that failed is not "seen" and
    # is read again by the next scan (or the next copy of it in this one).
    known.seen.add(message.message_id)
    if fold:
        report.folded += 1
        return
    report.auto_confirmed += auto
    report.filed.append(filed)


def _strings(values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values) if isinstance(values, tuple) else ()


def _applied(c: Connection, ctx: Context, suggestion_id: int) -> bool:
    """Confirm on the user's behalf; if that can't be done, it waits for review instead."""
    found = mail_review.reloaded(c, ctx, suggestion_id)
    label = f"Confirmed mail by itself: {found.subject or found.sender}"
    try:
        with c.savepoint(), ctx.change(label):
            values = mail_review.apply(c, ctx, found, None, None, None)
            mail.decide(c, ctx.owner, suggestion_id, SuggestionStatus.AUTO.value, ctx.today, values)
            relabel(c, label)  # what it applied named the change after itself
    except NextroundError:
        return False
    return True


def _common(item: RawMail, message: MailMessage) -> dict[str, object]:
    text = " ".join(message.text.split())
    received = message.date.astimezone(UTC).replace(tzinfo=None) if message.date else None
    return {
        "message_id": message.message_id[:1000],
        "source": item.source[:2000],
        "received_at": received,
        "sender": message.sender[:320],
        "sender_name": message.sender_name[:300],
        "subject": message.subject[:1000],
        "excerpt": text[:_EXCERPT],
    }


def _reply_values(message: MailMessage, known: _Known) -> dict[str, object] | None:
    refs = [r.strip().strip("<>") for r in (message.in_reply_to, *message.references) if r]
    person = next((known.sent[r] for r in refs if r in known.sent), None)
    person = person or known.awaiting.get(message.sender)
    if person is None:
        return None
    guess, confidence, evidence = connect_answer(message)
    return {
        "kind": SuggestionKind.REPLY.value,
        "label": "reply",
        "answer": None
        if guess is None
        else (ConnectAnswer.YES.value if guess else ConnectAnswer.NO.value),
        "confidence": confidence,
        "evidence": evidence,
        "person_id": person.id,
        "company_id": person.company_id,
    }


def _job_values(
    message: MailMessage, known: _Known, step: problems.Step
) -> dict[str, object] | None:
    verdict = classify(message)
    if verdict.label is Label.OTHER:
        return None
    step("match")
    found = match(letter_of(message), known.companies, known.applications, known.people)
    evidence = verdict.evidence + found.reasons
    if found.company_id is None and found.guessed_company:
        evidence += (f"new application? from {found.guessed_company}",)
    return {
        "kind": SuggestionKind.JOB.value,
        "label": verdict.label.value,
        "confidence": verdict.confidence,
        "evidence": evidence,
        "company_id": found.company_id,
        "application_id": found.application_id,
        "person_id": found.person_id,
        "application_guessed": found.application_guessed,
    }


def _auto(suggestion: Suggestion, threshold: float | None) -> bool:
    return (
        threshold is not None
        and suggestion.kind is SuggestionKind.JOB
        and suggestion.application_id is not None
        and suggestion.confidence >= threshold
    )


def _save_folder(ctx: Context, account: str | None, state: FolderState) -> None:
    key = f"{account}/{state.folder}" if account else state.folder
    with ctx.db.transaction() as c:
        mail.save_folder_state(
            c,
            ctx.owner,
            key,
            state.uidvalidity,
            state.last_uid,
            datetime.now(UTC).replace(tzinfo=None),
        )
