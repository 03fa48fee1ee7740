"""A tracker file's header and column mapping, for a face to show and correct.

:func:`~nextround.services.import_tables.import_table` refuses a file whose
mapping lacks a column it needs (the company, the role); the web's Import
page still has to show the header and the mapping then, so that the user can
name the column. This reads just that: the header (found by its content) and
the mapping guessed from it, or a saved one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from nextround.config import config_dir
from nextround.domain.applications import Status
from nextround.importers import mappings
from nextround.importers.table import open_table_file
from nextround.services.context import Context

#: The file of saved mappings, beside the config file.
MAPPINGS_FILE = "import-mappings.toml"
#: The fields an application can't do without.
REQUIRED = mappings.REQUIRED
#: The statuses a tracker's status words can map to, in pipeline order.
PIPELINE = tuple(s.value for s in Status)


@dataclass(frozen=True)
class TableShape:
    """What a mapping editor shows: the columns, which field each fills, the choices."""

    header: tuple[str, ...]
    #: Field -> the header cell it is read from.
    columns: dict[str, str]
    date_order: str | None


def mappings_file(ctx: Context) -> Path:
    """Where mappings are saved by name: ``import-mappings.toml`` beside ``config.toml``."""
    config = ctx.settings.config_path
    return (config.parent if config is not None else config_dir()) / MAPPINGS_FILE


def saved_mappings(ctx: Context) -> list[str]:
    """The names of the mappings saved so far."""
    return mappings.saved_names(mappings_file(ctx))


def table_shape(ctx: Context, data: BinaryIO, name: str, mapping: str | None = None) -> TableShape:
    """The file's header and its mapping (``mapping`` as saved, else guessed from the header).

    A file with no header to find is an :class:`~nextround.errors.InvalidInput`
    naming what was looked for.
    """
    saved = mappings.load(mappings_file(ctx), mapping) if mapping else None
    table = open_table_file(data, name, saved)
    return TableShape(tuple(table.header), dict(table.mapping.columns), table.mapping.date_order)
