"""Reading an mbox file as a stream: memory bounded by the largest message, not the file.

(``mailbox.mbox`` indexes the whole file before the first message.) The file
is read in blocks cut at line ends; within a block, a regular expression finds
the few lines that matter, and everything between them is copied in bulk:

- A line starting with ``From `` begins a message when it follows a blank line
  (or starts the file) and looks like a postmark: a time and a year, as in
  ``From sender Wed Jan  1 10:00:00 2025``. An unescaped "From here on..." in
  a body, even after a blank line, does not split the message. The blank line
  before a postmark is the separator, not part of the message.
- ``>From ``, ``>>From `` ... lose one ``>`` (mboxrd).
- A line holding NUL bytes right after a blank line in a message's body begins
  damage between messages (it runs to the next postmark; the message ends at
  that blank line); NUL bytes elsewhere make the message they are in damaged.
  Either is reported, not yielded.

A message that is cut off at the end of the file, has no header lines, or is
larger than the cap becomes a :class:`~nextround.mail.sources.SourceProblem`,
and reading goes on with the next one.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from nextround.mail.sources import MAX_MESSAGE_SIZE, RawMail, SourceProblem, megabytes

_BLOCK = 1024 * 1024
# A postmark, "From <sender> <date with a time and a year>", is checked in three
# linear searches: one pattern with two ".*" backtracked over every pair of
# positions (0.6 ms for a crafted 500-byte line, each line starting "From ").
_POSTMARK_SENDER = re.compile(rb"From \S*[ \t]")
_POSTMARK_TIME = re.compile(rb"\d{1,2}:\d\d")
_POSTMARK_YEAR = re.compile(rb"\d{4}")
_POSTMARK_LENGTH = 512  # postmarks are short; don't scan a long line for one
_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
_FIX = "the file may be damaged; open it in your mail program to repair it"


def read_mbox(
    fh: BinaryIO, path: Path, *, max_size: int = MAX_MESSAGE_SIZE
) -> Iterator[RawMail | SourceProblem]:
    """Each message of the mbox open in ``fh`` (binary, at its start), in order."""
    reader = _Reader(path, max_size)
    for offset, block, starts_line in _blocks(fh):
        yield from reader.feed(offset, block, starts_line)
    yield from reader.end()


def _blocks(fh: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """``(offset, block, starts at a line start)``, blocks cut after a line end when
    there is one within twice the block size."""
    offset, carry, starts_line = 0, b"", True
    while block := fh.read(_BLOCK):
        data = carry + block
        cut = data.rfind(b"\n") + 1
        if cut == 0 and len(data) < 2 * _BLOCK:
            carry = data
            continue
        cut = cut or len(data)
        yield offset, data[:cut], starts_line
        starts_line = data[cut - 1] == ord("\n")
        offset, carry = offset + cut, data[cut:]
    if carry:
        yield offset, carry, starts_line


def _events(block: bytes, starts_line: bool) -> Iterator[tuple[int, int]]:
    """In order: ``(line start, number of '>')`` for each line that starts with
    ``>*From ``, and ``(position, -1)`` for each NUL byte.

    ``bytes.find`` runs at memory speed, where a regular expression anchored at
    line starts would try every position (base64 bodies never hold "From ").
    """
    nul, word = block.find(b"\x00"), block.find(b"From ")
    while nul >= 0 or word >= 0:
        if word < 0 or 0 <= nul < word:
            yield nul, -1
            nul = block.find(b"\x00", nul + 1)
            continue
        start = word
        while start > 0 and block[start - 1] == ord(">"):
            start -= 1
        if block[start - 1] == ord("\n") if start > 0 else starts_line:
            yield start, word - start
        word = block.find(b"From ", word + 1)


@dataclass
class _Message:
    """The message being read. Its last line, when blank, is held back: it is the
    separator if a postmark follows."""

    number: int
    offset: int
    max_size: int
    data: bytearray = field(default_factory=bytearray)
    held: bytes | None = None
    size: int = 0
    too_big: bool = False
    binary: bool = False

    def add(self, segment: bytes, *, at_line_start: bool = True) -> None:
        """Whole lines (or the tail of a line, when not ``at_line_start``)."""
        if not segment:
            return
        if self.held is not None:
            self._store(self.held)
            self.held = None
        blank = _trailing_blank(segment, at_line_start)
        if blank:
            self.held = segment[-blank:]
            segment = segment[:-blank]
        self._store(segment)

    def _store(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.max_size:
            self.too_big = True
            self.data = bytearray()  # let it go: memory stays bounded by the cap
        elif not self.too_big:
            self.data += piece


def _trailing_blank(segment: bytes, at_line_start: bool) -> int:
    """The length of the blank line ending ``segment`` (0 if its last line isn't blank)."""
    if segment.endswith(b"\n\r\n") or (at_line_start and segment == b"\r\n"):
        return 2
    if segment.endswith(b"\n\n") or (at_line_start and segment == b"\n"):
        return 1
    return 0


@dataclass
class _Garbage:
    """Damage between messages: counted, never kept."""

    offset: int
    size: int = 0


Found = RawMail | SourceProblem
#: Yields what it finishes, returns how far into the block it got.
_Step = Generator[Found, None, int]


class _Reader:
    def __init__(self, path: Path, max_size: int) -> None:
        self.path = path
        self.max_size = max_size
        self.current: _Message | _Garbage | None = None
        self.number = 0

    def feed(self, offset: int, block: bytes, starts_line: bool) -> Iterator[Found]:
        if offset == 0 and not block.startswith(b"From "):
            self.current = _Garbage(0)  # not an mbox after all, or damaged at the start
        last = 0  # how much of the block has been dealt with
        for pos, quotes in _events(block, starts_line):
            whole = last > 0 or starts_line  # block[last:] starts a line
            if quotes < 0:
                last = yield from self._binary(offset, block, last, pos, whole)
            elif quotes == 0:
                last = yield from self._from_line(offset, block, last, pos, whole)
            elif isinstance(self.current, _Message):  # >From: drop one '>'
                self.current.add(block[last:pos], at_line_start=whole)
                last = pos + 1
        self._consume(block, last, len(block), at_line_start=last > 0 or starts_line)

    def end(self) -> Iterator[Found]:
        if self.current is not None:
            yield self._finish(at_end=True)

    def _from_line(self, offset: int, block: bytes, last: int, pos: int, whole: bool) -> _Step:
        """A line starting with ``From ``: a new message, or a line of the current one."""
        current = self.current
        if isinstance(current, _Message):
            current.add(block[last:pos], at_line_start=whole)
            if current.held is None or not _is_postmark(block, pos):
                return pos
        elif isinstance(current, _Garbage):
            # After damage a postmark is trusted even without a blank line before it.
            current.size += pos - last
            if not _is_postmark(block, pos):
                return pos
        if current is not None:
            yield self._finish(at_end=False)
        self.number += 1
        self.current = _Message(self.number, offset + pos, self.max_size)
        end = block.find(b"\n", pos)
        return len(block) if end < 0 else end + 1  # the postmark is not part of the message

    def _binary(self, offset: int, block: bytes, last: int, pos: int, whole: bool) -> _Step:
        """A NUL byte: damage inside the current message, or between two messages."""
        current = self.current
        if not isinstance(current, _Message):
            return last
        line = block.rfind(b"\n", 0, pos) + 1
        if line < last or (line == 0 and not whole):  # not a line of its own
            current.binary = True
            return last
        current.add(block[last:line], at_line_start=whole)
        # After the message's last blank line (not the one ending its header).
        if current.held is None or not _has_body(current.data):
            current.binary = True
            return line
        yield self._finish(at_end=False)
        self.current = _Garbage(offset + line)
        return line

    def _consume(self, block: bytes, start: int, stop: int, *, at_line_start: bool) -> None:
        if isinstance(self.current, _Message):
            self.current.add(block[start:stop], at_line_start=at_line_start)
        elif isinstance(self.current, _Garbage):
            self.current.size += stop - start

    def _finish(self, *, at_end: bool) -> Found:
        current = self.current
        assert current is not None
        self.current = None
        if isinstance(current, _Garbage):
            return SourceProblem(
                f"mbox:{self.path}@{current.offset}",
                f"{current.size} bytes of binary data at byte {current.offset} belong to no "
                f"message; skipped ({_FIX})",
            )
        source = f"mbox:{self.path}#{current.number}"
        problem = _problem(current, at_end)
        if problem is not None:
            where = f"message {current.number} (at byte {current.offset})"
            return SourceProblem(source, f"{where} {problem}")
        data, current.data = current.data, bytearray()
        return RawMail(source, bytes(data))


def _is_postmark(block: bytes, pos: int) -> bool:
    """Whether the line at ``pos`` is a postmark: a sender, then a time, then a year."""
    line = block[pos : pos + _POSTMARK_LENGTH]
    end = line.find(b"\n")
    line = line if end < 0 else line[:end]
    sender = _POSTMARK_SENDER.match(line)
    found = _POSTMARK_TIME.search(line, sender.end()) if sender else None
    return found is not None and _POSTMARK_YEAR.search(line, found.end()) is not None


def _has_body(data: bytearray) -> bool:
    return b"\n\n" in data or b"\n\r\n" in data


def _problem(message: _Message, at_end: bool) -> str | None:
    data = message.data
    if message.too_big:
        return f"is larger than {megabytes(message.max_size)}; skipped as too big"
    if message.binary:
        return f"holds binary data (NUL bytes); skipped ({_FIX})"
    if not data.strip():
        return "is empty; skipped"
    if not _HEADER.match(data):
        return f"does not start with header lines; skipped ({_FIX})"
    if at_end and message.held is None and not data.endswith(b"\n"):
        return "is cut off: the file ends in the middle of it; skipped"
    return None
