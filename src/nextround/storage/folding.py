"""Folding text the same way on SQLite and PostgreSQL: for search and for sorting names.

``fold("Élodie Müller")`` is ``"elodie muller"``: letters lower-cased and
stripped of their accents by one table (:data:`TABLE`), so that ``cafe``
finds "Café" and names sort alike on both databases. Both databases call
it ``nr_fold(text)`` in SQL:

- SQLite: a Python function registered on every connection
  (:func:`register`), applying :data:`TABLE`.
- PostgreSQL: a plain SQL function (``translate`` and ``replace``, no
  extension, nothing a non-owner role can't call) created by migration 0015
  from the same table (:func:`postgres_function`).

Only the letters in the table fold (Latin with its accents, Greek and
Cyrillic cases); other text is left as it is, identically on both. Sorting
compares folded names byte by byte (``COLLATE "C"`` on PostgreSQL, SQLite's
binary order), the name as written breaking ties, so no database locale
decides where "de la Cruz" goes.
"""

from __future__ import annotations

import sqlite3
import unicodedata

#: Letters that don't decompose into a base letter and an accent.
_SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "ł": "l",
    "Ł": "l",
    "þ": "th",
    "Þ": "th",
    "\u0131": "i",  # dotless i
    "ħ": "h",
    "Ħ": "h",
}

#: Where the folded letters are: ASCII capitals, Latin-1 to Latin Extended-B, Greek,
#: Cyrillic, Latin Extended Additional (Vietnamese).
_RANGES = ((0x41, 0x5A), (0xC0, 0x24F), (0x386, 0x3CE), (0x400, 0x45F), (0x1E00, 0x1EFF))

#: Accents written as separate characters (decomposed text): dropped.
_COMBINING = range(0x300, 0x370)


def _folded(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    lower = bare.lower()
    return lower if len(lower) == 1 else ch


def _table() -> dict[int, str]:
    table = {}
    for first, last in _RANGES:
        for point in range(first, last + 1):
            ch = chr(point)
            if unicodedata.category(ch)[0] != "L":
                continue
            folded = _folded(ch)
            if folded != ch:
                table[point] = folded
    table.update(dict.fromkeys(_COMBINING, ""))
    # Folded once more where a fold gives a letter that folds again (Ǣ -> æ -> ae):
    # one pass of the table then does all, as PostgreSQL's replace() after translate().
    return {point: folded.translate(table) for point, folded in table.items()}


#: Character -> its folded form ("" for a combining accent).
TABLE = _table()


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, as ``nr_fold`` does in SQL."""
    return text.translate(TABLE)


def _sql_fold(value: object) -> str | None:
    # As PostgreSQL's function (STRICT): NULL stays NULL; a number is folded as its text.
    return None if value is None else fold(str(value))


def register(connection: sqlite3.Connection) -> None:
    """Make ``nr_fold`` callable in SQL on a SQLite connection."""
    connection.create_function("nr_fold", 1, _sql_fold, deterministic=True)


def order(column: str, dialect: str) -> str:
    """An ``ORDER BY`` term sorting ``column`` by its folded text, the same on both databases."""
    if dialect == "sqlite":
        return f"nr_fold({column}), {column}"
    return f'nr_fold({column}) COLLATE "C", {column} COLLATE "C"'


def postgres_function() -> str:
    """``CREATE FUNCTION nr_fold``: :data:`TABLE` as ``translate`` and ``replace`` calls."""
    single = {chr(k): v for k, v in TABLE.items() if len(v) == 1}
    dropped = "".join(chr(k) for k, v in TABLE.items() if not v)
    several = {chr(k): v for k, v in TABLE.items() if len(v) > 1}
    body = f"translate($1, '{''.join(single)}{dropped}', '{''.join(single.values())}')"
    for ch, folded in several.items():
        body = f"replace({body}, '{ch}', '{folded}')"
    return (
        "CREATE OR REPLACE FUNCTION nr_fold(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT {body} $$"
    )
