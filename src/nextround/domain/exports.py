"""What exports say: the backup file's header, safe spreadsheet cells, the application record.

The backup format is documented in ``docs/export.md``: a JSON object with
``format`` (always :data:`FORMAT`), ``version`` (:data:`VERSION`, raised
when a reader of the older version would misread the file), ``exported_at``,
``schema_revision``, ``settings``, ``sequences`` and ``tables``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from nextround.errors import InvalidInput

FORMAT = "nextround-export"
VERSION = 1

#: What the "how applied" column says for each source.
HOW = {
    "job_board": "Job board",
    "referral": "Referral",
    "recruiter": "Through a recruiter",
    "company_site": "Company website",
    "other": "Other",
}
#: What the "outcome" column says for each status (a rejection gets its day).
OUTCOMES = {
    "saved": "Not sent yet",
    "applied": "No answer yet",
    "screening": "Screening",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "ghosted": "No answer",
}
#: Characters that make a spreadsheet read a cell as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading ``'`` when it could be one."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@dataclass(frozen=True)
class Header:
    """The checked head of a backup file."""

    version: int
    schema_revision: str
    #: Table name -> its rows, as read (a restore lets each table go once inserted).
    tables: dict[str, object]
    sequences: Mapping[str, int]


def read_header(document: object, known_revisions: tuple[str, ...]) -> Header:
    """The header of a parsed backup, or :class:`InvalidInput` saying what is wrong with it."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f'this is not a nextround export (no "format": "{FORMAT}")')
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise InvalidInput("this export has no valid version number")
    if version > VERSION:
        raise InvalidInput(
            f"this export is of version {version}, written by a newer nextround; "
            f"this one reads version {VERSION}: upgrade nextround to restore it"
        )
    revision = document.get("schema_revision")
    if not isinstance(revision, str):
        raise InvalidInput("this export has no schema_revision")
    if revision not in known_revisions:
        raise InvalidInput(
            f"this export comes from a newer nextround (schema {revision[:40]!r}); "
            "upgrade nextround to restore it"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput('this export has no "tables" object')
    return Header(version, revision, tables, _sequences(document.get("sequences", {})))


def _sequences(value: object) -> dict[str, int]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and type(v) is int and 0 <= v < 2**63 for k, v in value.items()
    ):
        raise InvalidInput('"sequences" must map table names to whole numbers')
    return dict(value)


@dataclass(frozen=True)
class RecordFacts:
    """One application as stored, with what the record needs of its company and people."""

    applied_on: date
    company: str
    company_address: str
    role: str
    status: str
    rejected_on: date | None
    source: str | None
    source_url: str | None
    referrer: str | None
    interviewers: tuple[str, ...]


@dataclass(frozen=True)
class RecordLine:
    """One line of an application record, as an unemployment office reads it."""

    applied_on: date
    company: str
    company_address: str
    role: str
    how: str
    contact: str
    outcome: str


COLUMNS = (
    "Date applied",
    "Company",
    "Company address",
    "Role",
    "How applied",
    "Contact",
    "Outcome",
)


def record_line(facts: RecordFacts) -> RecordLine:
    return RecordLine(
        applied_on=facts.applied_on,
        company=facts.company,
        company_address=facts.company_address,
        role=facts.role,
        how=how_applied(facts),
        contact=facts.referrer or ", ".join(facts.interviewers),
        outcome=outcome(facts.status, facts.rejected_on),
    )


def how_applied(facts: RecordFacts) -> str:
    how = HOW.get(facts.source or "", "")
    if facts.referrer and facts.source == "referral":
        how = f"{how} by {facts.referrer}"
    if facts.source_url:
        how = f"{how} ({facts.source_url})" if how else facts.source_url
    return how


def outcome(status: str, rejected_on: date | None) -> str:
    said = OUTCOMES.get(status, status)
    return f"{said} on {rejected_on.isoformat()}" if rejected_on and status == "rejected" else said


def cells(line: RecordLine) -> tuple[str, ...]:
    return (
        line.applied_on.isoformat(),
        line.company,
        line.company_address.replace("\r\n", "\n").replace("\n", ", "),
        line.role,
        line.how,
        line.contact,
        line.outcome,
    )


@dataclass(frozen=True)
class ApplicationRecord:
    """The applications sent in a period, for the person they are from."""

    start: date
    end: date
    name: str
    address: str
    lines: tuple[RecordLine, ...]
