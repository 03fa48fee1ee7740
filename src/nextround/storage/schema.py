"""The tables, as SQLAlchemy Core metadata. Migrations build them; queries use them.

Every row carries ``owner_id``: single-user local mode (owner 1) and
multi-user hosting share one schema.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


def _owner() -> sa.Column[int]:
    return sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False)


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
        ),
        sa.Column(
            "updated_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
        ),
    ]


def _revision() -> sa.Column[int]:
    """One more on every update: stale edits are refused, calendars see SEQUENCE."""
    return sa.Column("revision", sa.Integer, nullable=False, server_default=sa.text("0"))


companies = sa.Table(
    "companies",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("website", sa.String(2000)),
    sa.Column("address", sa.Text),
    sa.Column("careers_url", sa.String(2000)),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    _revision(),
    *_stamps(),
    sa.UniqueConstraint("owner_id", "name"),
)

company_socials = sa.Table(
    "company_socials",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "company_id", sa.Integer, sa.ForeignKey("companies.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("followed_on", sa.Date),
    sa.UniqueConstraint("company_id", "url"),
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    # Empty for imported contacts (migration 0010): a company is made when needed.
    sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), index=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("title", sa.String(200)),
    sa.Column("email", sa.String(320)),
    sa.Column("linkedin_url", sa.String(2000)),
    sa.Column("address", sa.Text),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("part", sa.String(20)),
    _revision(),
    *_stamps(),
    # The company's name as an import gave it; where the person came from.
    sa.Column("organisation", sa.String(200)),
    sa.Column("source", sa.String(20), nullable=False, server_default="manual"),
    sa.Column("phone", sa.String(200)),
    # How drafts to them are written (migration 0011): their language, their form of
    # address, Sie/du; empty: the application's language, their first name, the convention.
    sa.Column("language", sa.String(8)),
    sa.Column("address_as", sa.String(200)),
    sa.Column("formal", sa.Boolean),
    sa.Index("ix_people_owner_name", "owner_id", "name"),
    sa.Index("ix_people_owner_source", "owner_id", "source"),
)

relationships = sa.Table(
    "relationships",
    metadata,
    sa.Column(
        "person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    ),
    _owner(),
    sa.Column("card_mailed_on", sa.Date),
    sa.Column("congratulated_on", sa.Date),
    sa.Column("asked_to_connect_on", sa.Date),
    sa.Column("answer", sa.String(10)),
    sa.Column("answered_on", sa.Date),
    sa.Column("invited_on", sa.Date),
    sa.Column("connected_on", sa.Date),
    sa.Column("congrats_message_id", sa.String(1000)),
)

applications = sa.Table(
    "applications",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), nullable=False, index=True),
    sa.Column("role", sa.String(300), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("applied_on", sa.Date),
    sa.Column("rejected_on", sa.Date),
    sa.Column("source_url", sa.String(2000)),
    sa.Column("requisition_id", sa.String(200)),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    _revision(),
    *_stamps(),
    sa.Column("location", sa.String(200)),
    sa.Column("work_mode", sa.String(20)),
    sa.Column("salary_min", sa.Integer),
    sa.Column("salary_max", sa.Integer),
    sa.Column("salary_currency", sa.String(3)),
    sa.Column("salary_period", sa.String(10)),
    sa.Column("description", sa.Text, nullable=False, server_default=""),
    sa.Column("source", sa.String(20)),
    sa.Column("referrer_id", sa.Integer),
    sa.Column("language", sa.String(8)),  # of its drafts (0011); empty: the default one
    sa.Column("position", sa.Integer),  # its place in its board column (0013); empty: on top
    sa.Index("ix_applications_owner_status", "owner_id", "status"),
)

interviews = sa.Table(
    "interviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("on_date", sa.Date, nullable=False),
    sa.Column("at_time", sa.String(5)),
    sa.Column("format", sa.String(20), nullable=False),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.String(20), nullable=False, server_default="planned"),
    # A screen, technical, a panel, onsite, a take-home review; empty: not said.
    sa.Column("kind", sa.String(20)),
    _revision(),
    sa.Column("updated_at", sa.DateTime),
)

interview_people = sa.Table(
    "interview_people",
    metadata,
    sa.Column(
        "interview_id",
        sa.Integer,
        sa.ForeignKey("interviews.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "person_id",
        sa.Integer,
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
    _owner(),
    # What the user talked about with this interviewer here: one short topic a line.
    sa.Column("topics", sa.Text, nullable=False, server_default=""),
)

journal_entries = sa.Table(
    "journal_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("interview_id", sa.Integer, sa.ForeignKey("interviews.id", ondelete="SET NULL")),
    sa.Column("written_on", sa.Date, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    *_stamps(),
    _revision(),
)

tasks = sa.Table(
    "tasks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("title", sa.String(500), nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        index=True,
    ),
    sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id", ondelete="CASCADE")),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="CASCADE"), index=True),
    sa.Column("url", sa.String(2000)),
    sa.Column("draft_subject", sa.String(500)),
    sa.Column("draft", sa.Text),
    sa.Column("draft_edited", sa.Boolean, nullable=False, server_default=sa.false()),
    # Which wording the draft uses; "another wording" moves it on.
    sa.Column("draft_variant", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("done_on", sa.Date),
    # One more on every update: calendar exports publish it as SEQUENCE.
    sa.Column("revision", sa.Integer, nullable=False, server_default=sa.text("0")),
    *_stamps(),
    sa.UniqueConstraint("owner_id", "key"),
    sa.Index("ix_tasks_owner_status_due", "owner_id", "status", "due"),
)


#: A form's one-time token, spent by its first submission: a double submit
#: finds the token spent and is sent where the first one went.
form_submissions = sa.Table(
    "form_submissions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("token", sa.String(64), nullable=False),
    sa.Column("location", sa.String(2000), nullable=False),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.UniqueConstraint("owner_id", "token"),
)

#: Secret links a calendar app subscribes to; only a hash of the token is kept.
feed_tokens = sa.Table(
    "feed_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("purpose", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
)

#: How far each mail folder has been read: a rescan asks only for newer UIDs.
mail_folders = sa.Table(
    "mail_folders",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("source", sa.String(1000), nullable=False),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("last_uid", sa.BigInteger, nullable=False),
    sa.Column("scanned_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("owner_id", "source"),
)

#: Job mail and interviewers' replies found in the mailbox, waiting for the user.
mail_suggestions = sa.Table(
    "mail_suggestions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("message_id", sa.String(1000), nullable=False),
    sa.Column("source", sa.String(2000), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("received_at", sa.DateTime),
    sa.Column("sender", sa.String(320), nullable=False),
    sa.Column("sender_name", sa.String(300), nullable=False, server_default=""),
    sa.Column("subject", sa.String(1000), nullable=False, server_default=""),
    sa.Column("excerpt", sa.Text, nullable=False, server_default=""),
    sa.Column("label", sa.String(30), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False, server_default=""),
    sa.Column("answer", sa.String(10)),
    sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id", ondelete="SET NULL")),
    sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="SET NULL")),
    sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id", ondelete="SET NULL")),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("decided_on", sa.Date),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
    sa.UniqueConstraint("owner_id", "message_id"),
    sa.Index("ix_mail_suggestions_owner_status", "owner_id", "status"),
)


#: Every change the user made, undoable; a deletion's rows wait in the trash.
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("label", sa.String(500), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("made_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
    sa.Column("undone_at", sa.DateTime),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("restores_id", sa.Integer),
    sa.Index("ix_changes_owner_id", "owner_id", "id"),
)

#: The rows of a change as they were before it (or the key of a row it added).
change_rows = sa.Table(
    "change_rows",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "change_id", sa.Integer, sa.ForeignKey("changes.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("op", sa.String(10), nullable=False),
    sa.Column("row_key", sa.Text, nullable=False),
    sa.Column("image", sa.Text),
    sa.Index("ix_change_rows_change_id", "change_id", "seq"),
)

#: The highest id ever given per table on SQLite: never given again.
id_sequence = sa.Table(
    "id_sequence",
    metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("last_id", sa.BigInteger, nullable=False),
)

#: Each status an application moved to, and the day.
application_events = sa.Table(
    "application_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column(
        "application_id",
        sa.Integer,
        sa.ForeignKey("applications.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("on_date", sa.Date, nullable=False),
    sa.Column("from_status", sa.String(20)),
    sa.Column("to_status", sa.String(20), nullable=False),
    sa.Column(
        "created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()
    ),
)

#: Earlier versions of edited interviews, journal entries and drafts.
record_revisions = sa.Table(
    "record_revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _owner(),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("subject", sa.String(500)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
    sa.Index("ix_record_revisions_record", "kind", "record_id"),
)

from nextround.storage import (  # noqa: E402, F401 - more tables
    schema_accounts,
    schema_indexes,
    schema_logins,
    schema_watch,
)
