"""One owner's whole database as plain rows, and back: what export and restore move.

Generic over the tables: every table of :data:`nextround.storage.records.TABLES`
and the change history, with the columns the database itself reports, so a
column a later migration adds is carried without a change here. Each row
leaves without its ``owner_id`` and comes back with the restoring owner's.

Secrets never leave: :data:`SECRET_COLUMNS` lists the columns known to hold
one (or what opens one); a table whose rows mean nothing without theirs is
left out whole (:data:`LEFT_OUT`). A column whose name looks like a secret
is left out too, and named in :attr:`Dump.left_out`, unless listed in
:data:`NOT_SECRET`; a test fails until each such column is classified.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from nextround.errors import InvalidInput
from nextround.storage.dump_values import Column, columns, from_plain, to_plain
from nextround.storage.records import TABLES
from nextround.storage.sql import Connection

#: Words that make a column look like it holds a secret.
SECRET_WORDS = ("password", "token", "secret")
#: Columns that hold a secret or a hash of one: never exported.
SECRET_COLUMNS: frozenset[tuple[str, str]] = frozenset(
    {
        ("feed_tokens", "token_hash"),
        ("form_submissions", "token"),
        ("api_tokens", "token_hash"),
        ("invitations", "token_hash"),
        ("users", "password_hash"),  # the users table is never exported (ACCOUNTS)
        ("user_secrets", "ciphertext"),
    }
)
#: The accounts themselves: never in an export, which holds one owner's job search.
ACCOUNTS = "users"
#: Columns named like secrets that hold none (a job board's public name, say): exported.
NOT_SECRET: frozenset[tuple[str, str]] = frozenset()
#: Tables left out whole, and why (each row is only its secret and some bookkeeping).
LEFT_OUT: dict[str, str] = {
    "feed_tokens": "calendar subscription links (secret); make a new link after a restore",
    "form_submissions": "spent one-time form tokens",
    "api_tokens": "API tokens for scripts (kept as hashes); make new ones after a restore",
    "sessions": "logins to the web app (kept as hashes); log in again after a restore",
    "attempts": "recent wrong passwords and link requests, counted against their limits, and "
    "spent sign-ins (hashed)",
    "invitations": "one-time links to set a password",
    "identities": "sign-ins through your organisation's login; sign in that way again after a restore",
    "coach_grants": "whom you share your progress with on a hosted site; share again after a restore",
    "user_secrets": "your mailbox and mail server passwords (encrypted with the site's key); "
    "type them again after a restore",
}
#: The history of changes (undo, the trash): exported after the records.
HISTORY = ("changes", "change_rows")
#: Every table an export holds, parents before children: the order rows are restored in.
EXPORTED: tuple[str, ...] = (*(t for t in TABLES if t not in LEFT_OUT), *HISTORY)
#: What a row carries that isn't the user's: it is the restoring owner's.
_OWNER = "owner_id"


def looks_secret(column: str) -> bool:
    return any(word in column.lower() for word in SECRET_WORDS)


@dataclass
class Dump:
    """Rows per table (as plain JSON values), the highest id given per table, what was left out."""

    tables: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)


def exported_columns(c: Connection, table: str) -> tuple[list[Column], list[str]]:
    """The columns of ``table`` an export carries, and those it leaves out as secrets."""
    kept, dropped = [], []
    for column in columns(c, table):
        if column.name == _OWNER:
            continue
        if (table, column.name) in SECRET_COLUMNS or (
            looks_secret(column.name) and (table, column.name) not in NOT_SECRET
        ):
            dropped.append(f"{table}.{column.name}")
        else:
            kept.append(column)
    return kept, dropped


@dataclass(frozen=True)
class Plan:
    """What an export reads: per table, the columns kept; the highest ids; what was left out."""

    columns: dict[str, list[Column]]
    sequences: dict[str, int]
    left_out: list[str]


def plan(c: Connection) -> Plan:
    """The tables and columns an export holds, read from the database itself."""
    kept_columns, sequences, left_out = {}, {}, []
    for table in EXPORTED:
        kept, dropped = exported_columns(c, table)
        left_out += [d for d in dropped if (table, d.split(".", 1)[1]) not in SECRET_COLUMNS]
        kept_columns[table] = kept
        if any(col.name == "id" for col in kept):
            sequences[table] = highest_id(c, table)
    return Plan(kept_columns, sequences, left_out)


#: Rows read at a time: an export of any size holds only this many in memory.
BATCH = 2000


def rows_of(
    c: Connection, owner: int, table: str, kept: Sequence[Column], batch: int = BATCH
) -> Iterator[dict[str, object]]:
    """The owner's rows of ``table`` in key order, as plain values, a batch at a time.

    Each batch starts after the last key of the one before (not at an offset),
    so every batch is a range read on the primary key, however large the table.
    """
    names = ", ".join(col.name for col in kept)
    key = _key(table)
    if table == "change_rows":
        where = "change_id IN (SELECT id FROM changes WHERE owner_id = :owner)"
    else:
        where = "owner_id = :owner"
    order = ", ".join(key)
    last: dict[str, object] | None = None
    while True:
        after = "" if last is None else f" AND {_after(key)}"
        rows = c.rows(
            f"SELECT {names} FROM {table} WHERE {where}{after} ORDER BY {order} LIMIT :limit",
            {"owner": owner, "limit": batch, **(last or {})},
        )
        for row in rows:
            yield {col.name: to_plain(col, value) for col, value in zip(kept, row, strict=True)}
        if len(rows) < batch:
            return
        last = {f"last_{k}": rows[-1][k] for k in key}


def _key(table: str) -> tuple[str, ...]:
    spec = TABLES.get(table)
    return spec.key if spec is not None else ("id",)


def _after(key: tuple[str, ...]) -> str:
    """``(a, b) > (:last_a, :last_b)``, spelt out (both databases read it the same way)."""
    first, rest = key[0], key[1:]
    if not rest:
        return f"{first} > :last_{first}"
    return f"({first} > :last_{first} OR ({first} = :last_{first} AND {_after(rest)}))"


def dump(c: Connection, owner: int) -> Dump:
    """Every row of ``owner`` in every exported table, in key order, in memory."""
    found = plan(c)
    return Dump(
        tables={t: list(rows_of(c, owner, t, kept)) for t, kept in found.columns.items()},
        sequences=found.sequences,
        left_out=found.left_out,
    )


def highest_id(c: Connection, table: str) -> int:
    """The highest id ever given in ``table`` (of any owner): never to be given again."""
    if c.is_sqlite:
        return int(
            c.scalar(
                f"SELECT MAX(n) FROM (SELECT MAX(id) AS n FROM {table} UNION ALL "
                "SELECT last_id AS n FROM id_sequence WHERE table_name = :t) AS ids",
                {"t": table},
            )
            or 0
        )
    sequence = c.scalar("SELECT pg_get_serial_sequence(:t, 'id')", {"t": table})
    if sequence is None:
        return int(c.scalar(f"SELECT COALESCE(MAX(id), 0) FROM {table}"))
    row = c.row(f"SELECT last_value, is_called FROM {sequence}")
    return int(row[0]) if row is not None and row[1] else 0


def holding(c: Connection) -> list[str]:
    """The exported tables that hold any row (of any owner): a restore needs none.

    Spent form tokens and a calendar link are not records: they don't count.
    """
    return [
        t
        for t in EXPORTED
        if t != "change_rows" and c.scalar(f"SELECT 1 FROM {t} LIMIT 1") is not None
    ]


def restore(
    c: Connection, owner: int, tables: dict[str, object], sequences: Mapping[str, int]
) -> dict[str, int]:
    """Insert a file's rows as they are (ids, timestamps, revisions); return counts per table.

    Each row is checked against the database's columns as it goes in, a batch
    at a time, and each table's rows are let go once inserted, so a large
    file is held in memory only once. Anything amiss (an unknown table or
    column, a value of the wrong kind, a missing key) is an
    :class:`InvalidInput` naming the place; the caller's transaction then
    takes back whatever went in.
    """
    unknown = sorted(set(tables) - set(EXPORTED))
    if unknown:
        raise InvalidInput(
            f"the file has a table this nextround doesn't know ({unknown[0][:80]!r}); "
            "was it written by a newer nextround?"
        )
    counts: dict[str, int] = {}
    for table in EXPORTED:
        rows = tables.pop(table, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"tables.{table} must be a list of rows")
        if rows:
            counts[table] = _restore_table(c, owner, table, rows)
        del rows
    _advance(c, list(counts), sequences)
    return counts


def _restore_table(c: Connection, owner: int, table: str, rows: list[object]) -> int:
    kept, _dropped = exported_columns(c, table)
    by_name = {col.name: col for col in kept}
    needed = sorted({col.name for col in kept if col.required} | set(_key(table)))
    batch: list[dict[str, object]] = []
    for number, row in enumerate(rows):
        where = f"tables.{table}[{number}]"
        if not isinstance(row, dict):
            raise InvalidInput(f"{where} must be an object of column: value")
        strange = next((k for k in row if k not in by_name), None)
        if strange is not None:
            raise InvalidInput(
                f"{where} has a column this nextround doesn't know ({str(strange)[:80]!r}); "
                "was it written by a newer nextround?"
            )
        missing = next((k for k in needed if row.get(k) is None), None)
        if missing is not None:
            raise InvalidInput(f"{where}.{missing} is missing")
        batch.append({n: from_plain(by_name[n], v, f"{where}.{n}") for n, v in row.items()})
        if len(batch) == BATCH:
            _insert(c, owner, table, batch)
            batch = []
    if batch:
        _insert(c, owner, table, batch)
    return len(rows)


def _insert(c: Connection, owner: int, table: str, rows: list[dict[str, object]]) -> None:
    """Insert rows, grouped by the columns they give (a file may leave some to their defaults)."""
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for row in rows:
        if table != "change_rows":
            row[_OWNER] = owner
        groups.setdefault(tuple(row), []).append(row)
    for names, group in groups.items():
        c.execute_many(
            f"INSERT INTO {table} ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)})",
            group,
        )


def _advance(c: Connection, tables: Sequence[str], sequences: Mapping[str, int]) -> None:
    """Move each table's id counter past every id restored and every id the file says was given."""
    for table in EXPORTED:
        given = sequences.get(table, 0)
        if table not in tables and not given:
            continue
        if not any(col.name == "id" for col in columns(c, table)):
            continue
        highest = max(highest_id(c, table), given if isinstance(given, int) else 0)
        if c.is_sqlite:
            if not c.execute(
                "UPDATE id_sequence SET last_id = :n WHERE table_name = :t",
                {"t": table, "n": highest},
            ):
                c.execute(
                    "INSERT INTO id_sequence (table_name, last_id) VALUES (:t, :n)",
                    {"t": table, "n": highest},
                )
            continue
        sequence = c.scalar("SELECT pg_get_serial_sequence(:t, 'id')", {"t": table})
        if sequence is not None:
            c.scalar(
                "SELECT setval(CAST(:s AS regclass), :n, :called)",
                {"s": sequence, "n": max(highest, 1), "called": highest > 0},
            )
