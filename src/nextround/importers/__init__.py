"""Importers: files from elsewhere (LinkedIn, address books, other trackers) as plain records.

Every importer reads its file through the shared CSV core
(:mod:`nextround.importers.csvfile`: encodings, delimiters, the header found
by its content, line numbers, caps) or its own reader, and yields the records
of :mod:`nextround.domain.imports`, each with its line number. What to write
is decided by ``nextround.services.imports``, never here.

Anything wrong with the file is an :class:`~nextround.errors.ImportFailed`
(re-exported here): one line for the user, naming the line at fault (when
there is one) and how to fix it.
"""

from __future__ import annotations

from nextround.errors import ImportFailed

__all__ = ["ImportFailed"]
