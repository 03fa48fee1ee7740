"""The CSV core every importer reads through: encodings, delimiters, line numbers, caps.

- Encoding, from the first bytes: UTF-8 with or without a byte-order mark,
  UTF-16 (with a mark, or without one when every other byte is zero), else
  Windows-1252 (Latin-1 when a byte Windows-1252 leaves undefined shows up).
- Delimiter: ``,``, ``;`` or tab, the one that cuts the first lines into the
  most cells of one count (a header found by the caller's test decides first).
- The file is streamed: a 200 MB export is never in memory at once. Each row
  comes as ``(line, cells)``, ``line`` being where the row starts in the file
  (a quoted cell may hold newlines, so a row can span lines).
- Caps: a cell longer than :data:`MAX_CELL` characters, a row of more than
  :data:`MAX_COLUMNS` cells or :data:`MAX_ROW` characters, a binary file or
  a zip given as a CSV: each an :class:`ImportFailed` with the line.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from nextround.importers import ImportFailed

#: How much of the start is read to tell the encoding and the delimiter.
SAMPLE_BYTES = 64 * 1024
#: Longest cell, in characters (the standard library's own limit; a note is far shorter).
MAX_CELL = csv.field_size_limit()
MAX_COLUMNS = 1000
#: Longest row, all its cells together, in characters.
MAX_ROW = 1024 * 1024
DELIMITERS = (",", ";", "\t")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}

Row = tuple[int, list[str]]
_UNDECODED = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Shape:
    """How a file is written: its encoding and delimiter."""

    encoding: str
    delimiter: str

    @property
    def described(self) -> str:
        return f"{self.encoding}, {_NAMES[self.delimiter]}-separated"


class _Joined(io.RawIOBase):
    """The bytes already read for the sample, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def encoding_of(sample: bytes) -> str:
    """The encoding the first bytes of a file are written in (see the module's notes)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample[:4] == b"PK\x03\x04":
        raise ImportFailed(
            "this is a zip file (or an Excel workbook), not a CSV file; give the CSV file "
            "inside it, or the whole LinkedIn export to `nextround import linkedin`"
        )
    if b"\x00" in sample:
        found = _utf16(sample)
        if found is not None:
            return found
        raise ImportFailed(
            "this is not a text file (it holds binary data); export the data as CSV and "
            "give that file"
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        try:
            sample.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return "utf-8"


def _utf16(sample: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order that reads as text, if one does."""
    best, best_score = None, 0
    for encoding in ("utf-16-le", "utf-16-be"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample[: len(sample) // 2 * 2], final=False)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            continue
        score = sum(1 for ch in text if ch < "\x7f")
        if score > best_score:
            best, best_score = encoding, score
    return best


def _lines(text: str) -> list[str]:
    """The whole lines of a sample (a last, cut-off one left out unless it is all there is)."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines.pop()
    return lines


def delimiter_of(text: str, is_header: Callable[[list[str]], bool] | None = None) -> str:
    """The delimiter that reads a header the caller recognises, else the most regular one."""
    lines = _lines(text)
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:
            continue
        if is_header is not None and any(is_header(r) for r in rows):
            return delimiter
        widths = [len(r) for r in rows if len(r) > 1]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) * common
        if score > best_score:
            best, best_score = delimiter, score
    return best


def shape_of(sample: bytes, is_header: Callable[[list[str]], bool] | None = None) -> Shape:
    encoding = encoding_of(sample)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return Shape(encoding, delimiter_of(decoder.decode(sample, final=False), is_header))


def read_rows(
    data: BinaryIO, *, is_header: Callable[[list[str]], bool] | None = None
) -> tuple[Shape, Iterator[Row]]:
    """The file's shape and its rows as ``(line, cells)``, read as they are needed."""
    sample = data.read(SAMPLE_BYTES)
    if not sample.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise ImportFailed("the file is empty; export the data again and give the new file")
    shape = shape_of(sample, is_header)
    raw = io.BufferedReader(_Joined(sample, data), buffer_size=SAMPLE_BYTES)
    # Bytes that aren't in the encoding come through as lone surrogates: the row says where.
    text = io.TextIOWrapper(raw, encoding=shape.encoding, errors="surrogateescape", newline="")
    return shape, _rows(text, shape)


def _rows(text: io.TextIOWrapper, shape: Shape) -> Iterator[Row]:
    reader = csv.reader(text, delimiter=shape.delimiter)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise ImportFailed(
                f"the file is not {shape.encoding} text from here on; save it again as UTF-8",
                line=reader.line_num + 1,
            ) from None
        except csv.Error as exc:
            raise ImportFailed(_csv_error(exc), line=line) from None
        _check(cells, line, shape)
        yield line, cells
        line = reader.line_num + 1


def _csv_error(exc: csv.Error) -> str:
    said = str(exc)
    if "field larger" in said:
        return (
            f"a cell is longer than {MAX_CELL:,} characters (a quote opened and never closed?); "
            "check the quotes on this line"
        )
    if "NUL" in said:
        return "the line holds a NUL character, which a CSV file can't; save the file again"
    return f"this line can't be read as CSV ({said}); check its quotes"


def _check(cells: list[str], line: int, shape: Shape) -> None:
    if any(_UNDECODED.search(c) for c in cells):
        raise ImportFailed(
            f"the line is not {shape.encoding} text; save the file again as UTF-8", line=line
        )
    if any("\x00" in c for c in cells):
        raise ImportFailed(
            "the line holds a NUL character, which a CSV file can't; save the file again",
            line=line,
        )
    if len(cells) > MAX_COLUMNS:
        raise ImportFailed(
            f"the row has {len(cells):,} cells, more than the {MAX_COLUMNS:,} allowed", line=line
        )
    if sum(map(len, cells)) > MAX_ROW:
        raise ImportFailed(
            f"the row is longer than {MAX_ROW:,} characters; check the quotes on this line",
            line=line,
        )


def find_header(
    rows: Iterator[Row], is_header: Callable[[list[str]], bool], *, within: int, what: str
) -> Row:
    """The first row (within the first ``within`` lines) the caller recognises as the header."""
    for line, cells in rows:
        if line > within:
            break
        if is_header([c.strip().lstrip("\ufeff") for c in cells]):
            return line, cells
    raise ImportFailed(what)


def key(cell: str) -> str:
    """A header cell as compared: no BOM, no case, single spaces."""
    return " ".join(cell.replace("\ufeff", "").split()).casefold()
