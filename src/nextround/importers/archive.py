"""Files inside a zip (a LinkedIn data export), read in memory and never extracted to disk.

A zip is refused as a whole when it could hurt: a member whose path leaves
the archive's folder (``../``, an absolute path, a drive letter), more than
:data:`MAX_MEMBERS` members, more than :data:`MAX_TOTAL` bytes once
uncompressed, or a member that unpacks to more than :data:`MAX_RATIO` times
its packed size (a zip bomb). The members asked for are found by their file
name in any folder, without case, and read as streams whose length is
checked as they are read.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import IO, BinaryIO

from nextround.importers import ImportFailed

MAX_MEMBERS = 10_000
#: All members together, uncompressed (a full LinkedIn export is a few MB to a few hundred).
MAX_TOTAL = 2 * 1024**3
#: Uncompressed size over compressed size, per member (text packs 5-20 times).
MAX_RATIO = 200
#: Members smaller than this are not checked for their ratio (a tiny file packs as it likes).
_RATIO_FLOOR = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"


def is_zip(data: BinaryIO) -> bool:
    """Whether the stream starts like a zip (it is left where it was)."""
    start = data.tell()
    head = data.read(4)
    data.seek(start)
    return head == _ZIP_MAGIC


def seekable(data: BinaryIO) -> BinaryIO:
    """The stream itself if it can seek (a zip is read from its end), else a spooled copy."""
    if data.seekable():
        return data
    copy = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024)  # noqa: SIM115 - returned
    while chunk := data.read(1024 * 1024):
        copy.write(chunk)
    copy.seek(0)
    return copy  # type: ignore[return-value]


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or (":" in (path.parts or ("",))[0])


def _check(archive: zipfile.ZipFile, what: str) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportFailed(f"the zip holds {len(members):,} files, more than {what} can")
    for member in members:
        if _unsafe(member.filename):
            raise ImportFailed(
                f"the zip holds a file outside its folder ({member.filename!r}); it was refused "
                "as it is; download the export again from LinkedIn"
            )
        ratio_ok = member.file_size <= max(_RATIO_FLOOR, member.compress_size * MAX_RATIO)
        if not ratio_ok:
            raise ImportFailed(
                f"{member.filename!r} in the zip unpacks to {member.file_size:,} bytes from "
                f"{member.compress_size:,} (a zip bomb?); it was refused"
            )
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL:
        raise ImportFailed(
            f"the zip unpacks to {total:,} bytes, more than the {MAX_TOTAL:,} allowed; "
            "give the CSV files inside it instead"
        )


class _Capped(io.RawIOBase):
    """A member's stream that stops with an error past its declared size."""

    def __init__(self, stream: IO[bytes], limit: int, name: str) -> None:
        self._stream, self._left, self._name = stream, limit, name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(min(len(buffer), self._left + 1))
        if len(data) > self._left:
            raise ImportFailed(f"{self._name!r} in the zip is larger than it says; it was refused")
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


@contextmanager
def members(data: BinaryIO, names: tuple[str, ...], *, what: str) -> Iterator[dict[str, BinaryIO]]:
    """The members with these file names (any folder, any case), as open binary streams."""
    try:
        archive = zipfile.ZipFile(seekable(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFailed("the zip file is damaged or cut short; download it again") from None
    with archive:
        _check(archive, what)
        wanted = {n.casefold(): n for n in names}
        found: dict[str, zipfile.ZipInfo] = {}
        for member in archive.infolist():
            base = PurePosixPath(member.filename.replace("\\", "/")).name.casefold()
            if base in wanted and not member.is_dir():
                found.setdefault(wanted[base], member)
        try:
            opened = {
                name: io.BufferedReader(_Capped(archive.open(m), m.file_size, m.filename))
                for name, m in found.items()
            }
        except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as exc:
            raise ImportFailed(f"a file in the zip can't be read ({exc}); unzip it first") from None
        yield opened  # type: ignore[misc]
