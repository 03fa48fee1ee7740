"""Reading mail from files: mbox (streamed), Maildir (untouched) and single .eml files."""

from __future__ import annotations

import base64
import email
import gc
import os
import random
import re
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Iterable
from email import policy
from pathlib import Path

import pytest

from nextround.mail.mailboxes import read_paths
from nextround.mail.sources import RawMail, SourceProblem

POSTMARK = b"From jobs@acme.example Wed Nov 25 09:00:00 2026\n"


def message(n: int, body: bytes = b"Thanks for applying.\n") -> bytes:
    return (
        f"From: Acme Talent <talent@acme.example>\nTo: sam@home.example\n"
        f"Subject: Your application {n}\nMessage-ID: <m{n}@acme.example>\n\n"
    ).encode() + body


def mbox(*messages: bytes, escape: bool = True) -> bytes:
    """An mbox as mail programs write it: postmark, message, blank line."""
    out = b""
    for data in messages:
        # mboxrd: one more '>' on every From line inside a message
        text = re.sub(rb"(?m)^(>*From )", rb">\1", data) if escape else data
        out += POSTMARK + text + (b"" if text.endswith(b"\n") else b"\n") + b"\n"
    return out


def read(*paths: Path, **options: int) -> list[RawMail | SourceProblem]:
    return list(read_paths(paths, **options))


def subjects(found: Iterable[RawMail | SourceProblem]) -> list[str]:
    out = []
    for item in found:
        if isinstance(item, RawMail):
            out.append(str(email.message_from_bytes(item.data, policy=policy.default)["Subject"]))
        else:
            out.append(f"problem: {item.message}")
    return out


# --------------------------------------------------------------------------- mbox


def test_an_mbox_yields_each_message_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "jobs.mbox"
    path.write_bytes(mbox(message(1), message(2), message(3)))
    found = read(path)
    assert subjects(found) == ["Your application 1", "Your application 2", "Your application 3"]
    assert [f.source for f in found] == [f"mbox:{path}#{n}" for n in (1, 2, 3)]
    assert found[0].data == message(1)  # the separating blank line is not part of it


def test_from_lines_in_a_body_are_unescaped_and_do_not_split(tmp_path: Path) -> None:
    body = (
        b"Hi Sam,\n\nFrom the team: thanks.\n>From the archive, quoted.\n\n"
        b"From here on, an unescaped line after a blank one.\n"
    )
    path = tmp_path / "jobs.mbox"
    path.write_bytes(mbox(message(1, body), message(2)) + POSTMARK + message(3) + b"\n")
    # The third line of the body was written unescaped ("From here on"), as mboxo
    # writers do; it has no postmark's date, so it does not start a message.
    path.write_bytes(path.read_bytes().replace(b">From here on", b"From here on"))
    found = read(path)
    assert subjects(found) == ["Your application 1", "Your application 2", "Your application 3"]
    first = found[0]
    assert isinstance(first, RawMail)
    assert b"\nFrom the team: thanks.\n>From the archive, quoted.\n" in first.data
    assert b"\nFrom here on, an unescaped line" in first.data


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_messages_across_block_boundaries_arrive_intact(tmp_path: Path, newline: bytes) -> None:
    # Sizes that put separators, blank lines and ">From " lines on either side of
    # the reader's 1 MiB blocks, and one line longer than two blocks.
    rng = random.Random(7)
    originals = []
    for n in range(40):
        body = b"".join(
            rng.choice([b"x" * rng.randrange(1, 300), b"", b">From quoted", b"From the desk of"])
            + b"\n"
            for _ in range(rng.randrange(1, 2000))
        )
        if n == 20:
            body += b"y" * (3 * 1024 * 1024) + b"\n"
        originals.append(message(n, body).replace(b"\n", newline))
    path = tmp_path / "many.mbox"
    path.write_bytes(mbox(*originals).replace(b"\n", newline).replace(b"\r\r", b"\r"))
    found = read(path)
    assert [f.source for f in found] == [f"mbox:{path}#{n}" for n in range(1, 41)]
    assert [f.data for f in found if isinstance(f, RawMail)] == originals


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "dos.mbox"
    path.write_bytes(mbox(message(1), message(2)).replace(b"\n", b"\r\n"))
    found = read(path)
    assert subjects(found) == ["Your application 1", "Your application 2"]
    assert found[1].data == message(2).replace(b"\n", b"\r\n")


def test_a_truncated_last_message_is_a_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.mbox"
    whole = mbox(message(1), message(2, b"A long body that the disk ran out in the middle of.\n"))
    path.write_bytes(whole[: whole.rindex(b"middle")])
    found = read(path)
    assert subjects(found) == [
        "Your application 1",
        f"problem: message 2 (at byte {len(mbox(message(1)))}) is cut off: "
        "the file ends in the middle of it; skipped",
    ]
    assert found[1].source == f"mbox:{path}#2"


def test_binary_garbage_between_messages_is_reported_and_skipped(tmp_path: Path) -> None:
    garbage = bytes(range(256)) * 8  # NUL bytes, stray line breaks, high bytes
    data = mbox(message(1), message(2)) + garbage + b"\n\n" + mbox(message(3))
    path = tmp_path / "damaged.mbox"
    path.write_bytes(data)
    found = read(path)
    assert subjects(found)[:2] == ["Your application 1", "Your application 2"]
    assert subjects(found)[3:] == ["Your application 3"]
    problem = found[2]
    assert isinstance(problem, SourceProblem)
    start = len(mbox(message(1), message(2)))
    assert problem.source == f"mbox:{path}@{start}"
    assert problem.message.startswith(f"{len(garbage) + 2} bytes of binary data at byte {start}")
    assert found[1].data == message(2)  # the message before the damage is whole


def test_a_message_holding_binary_garbage_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "damaged.mbox"
    path.write_bytes(mbox(message(1, b"text\x00\x00\x00more\n"), message(2)))
    assert subjects(read(path)) == [
        "problem: message 1 (at byte 0) holds binary data (NUL bytes); skipped "
        "(the file may be damaged; open it in your mail program to repair it)",
        "Your application 2",
    ]


def test_a_message_without_headers_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "odd.mbox"
    path.write_bytes(mbox(b"just some text\n", message(2)))
    found = subjects(read(path))
    assert found[0].startswith("problem: message 1 (at byte 0) does not start with header lines")
    assert found[1:] == ["Your application 2"]


def test_a_message_over_the_size_cap_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    path.write_bytes(mbox(message(1), message(2, b"x" * 5000 + b"\n"), message(3)))
    assert subjects(read(path, max_size=2000)) == [
        "Your application 1",
        f"problem: message 2 (at byte {len(mbox(message(1)))}) is larger than 2000 bytes; "
        "skipped as too big",
        "Your application 3",
    ]


def test_an_empty_mbox_yields_nothing(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.mbox", tmp_path / "blank.mbox"
    empty.write_bytes(b"")
    blank.write_bytes(b"\n\n  \n")
    assert read(empty, blank) == []


def test_an_empty_eml_file_is_a_problem_and_an_mbox_of_one_message_keeps_its_kind(
    tmp_path: Path,
) -> None:
    empty, single = tmp_path / "empty.eml", tmp_path / "one.MBOX"
    empty.write_bytes(b"")
    single.write_bytes(b"\x00binary")  # named an mbox, yet no "From " line: still an mbox
    found = read(empty, single)
    assert found == [
        SourceProblem(f"eml:{empty}", "the file is empty (no message in it); skipped"),
        SourceProblem(
            f"mbox:{single}",
            "the file holds binary data (NUL bytes), not an e-mail message; skipped",
        ),
    ]


def attachment_message(size: int) -> bytes:
    """A message with a base64 attachment of ``size`` bytes, written as lines of 76."""
    chunk = os.urandom(57 * 1024)
    encoded = b"\n".join(base64.b64encode(chunk[i : i + 57]) for i in range(0, len(chunk), 57))
    lines = encoded + b"\n"
    head = (
        b"From: Acme <talent@acme.example>\nSubject: Offer letter\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nSee the offer attached.\n"
        b"--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
    )
    return head + lines * (size // len(lines)) + b"--b--\n"


def test_a_30_mb_attachment_arrives_whole(tmp_path: Path) -> None:
    big = attachment_message(30 * 1024 * 1024)
    path = tmp_path / "offer.mbox"
    path.write_bytes(mbox(message(1)) + mbox(big, escape=False) + mbox(message(3)))
    found = read(path)
    assert [type(f) for f in found] == [RawMail, RawMail, RawMail]
    assert found[1].data == big
    assert subjects([found[0], found[2]]) == ["Your application 1", "Your application 3"]


def test_memory_stays_bounded_by_the_largest_message(tmp_path: Path) -> None:
    one = attachment_message(4 * 1024 * 1024)
    path = tmp_path / "many.mbox"
    with path.open("wb") as out:
        for _ in range(12):
            out.write(mbox(one, escape=False))
    file_size = path.stat().st_size
    del one
    gc.collect()
    tracemalloc.start()
    try:
        count = 0
        for item in read_paths([path]):
            assert isinstance(item, RawMail)
            count += 1
            del item
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 12
    assert file_size > 45 * 1024 * 1024
    # About twice the largest message (its buffer and the bytes handed out), not the file.
    assert peak < 3 * 4.2 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


# --------------------------------------------------------------------------- Maildir


def make_maildir(root: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    (root / "cur" / "1700000001.M1P1.host:2,S").write_bytes(message(1))
    (root / "cur" / "1700000003.M3P1.host:2,").write_bytes(message(3))
    (root / "new" / "1700000002.M2P1.host").write_bytes(message(2))
    (root / "new" / ".hidden").write_bytes(b"not mail")
    (root / "tmp" / "1700000004.M4P1.host").write_bytes(message(4))  # still being delivered
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(root.rglob("*"))
    }


def test_a_maildir_is_read_from_new_and_cur_and_left_untouched(tmp_path: Path) -> None:
    root = make_maildir(tmp_path / "Maildir")
    before = snapshot(root)
    found = read(root)
    assert subjects(found) == ["Your application 1", "Your application 2", "Your application 3"]
    assert found[1].source == f"maildir:{root}/new/1700000002.M2P1.host"
    assert snapshot(root) == before


def test_a_maildir_message_moved_to_cur_while_reading_is_still_read(tmp_path: Path) -> None:
    root = make_maildir(tmp_path / "Maildir")
    found = read_paths([root])
    first = next(found)
    assert isinstance(first, RawMail)
    # A mail program picks up the new message meanwhile: new/X becomes cur/X:2,S.
    (root / "new" / "1700000002.M2P1.host").rename(root / "cur" / "1700000002.M2P1.host:2,S")
    rest = list(found)
    assert subjects(rest) == ["Your application 2", "Your application 3"]
    assert rest[0].source == f"maildir:{root}/cur/1700000002.M2P1.host:2,S"


def test_an_empty_or_binary_file_in_a_maildir_is_a_problem(tmp_path: Path) -> None:
    root = make_maildir(tmp_path / "Maildir")
    (root / "cur" / "1700000005.M5P1.host:2,").write_bytes(b"")
    (root / "cur" / "1700000006.M6P1.host:2,").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    found = subjects(read(root))
    assert found[3].startswith("problem: the file does not look like an e-mail message")
    assert found[4] == (
        "problem: the file holds binary data (NUL bytes), not an e-mail message; skipped"
    )


# --------------------------------------------------------------------------- single files


def test_a_single_eml_file(tmp_path: Path) -> None:
    path = tmp_path / "rejection.eml"
    path.write_bytes(message(7).replace(b"\n", b"\r\n"))
    [found] = read(path)
    assert found == RawMail(f"eml:{path}", message(7).replace(b"\n", b"\r\n"))


def test_several_paths_are_read_in_order_and_problems_do_not_stop_the_rest(
    tmp_path: Path,
) -> None:
    one, two = tmp_path / "1.eml", tmp_path / "2.mbox"
    one.write_bytes(message(1))
    two.write_bytes(mbox(message(2)))
    missing = tmp_path / "nope.mbox"
    assert subjects(read(one, missing, two)) == [
        "Your application 1",
        f"problem: {missing} does not exist; check the path",
        "Your application 2",
    ]


def test_a_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "inbox.mbox"
    assert read(missing) == [
        SourceProblem(str(missing), f"{missing} does not exist; check the path")
    ]


def test_a_folder_that_is_not_a_maildir_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "a.eml").write_bytes(message(1))
    [problem] = read(folder)
    assert problem == SourceProblem(
        str(folder),
        f"{folder} is a folder but not a Maildir (it has no cur/ or new/ folder); "
        "give a Maildir, an mbox file or .eml files",
    )


def test_a_file_that_is_not_mail_is_a_problem(tmp_path: Path) -> None:
    pdf, zipped = tmp_path / "cv.pdf", tmp_path / "takeout.zip"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    found = read(pdf, zipped)
    assert [type(f) for f in found] == [SourceProblem, SourceProblem]
    assert "does not look like an e-mail message" in found[0].message
    assert found[1].message.startswith(f"{zipped} is a zip archive")


_READ_IN_CHILD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from nextround.mail.mailboxes import read_paths\n"
    "print(repr(list(read_paths([Path(sys.argv[1])]))))\n"
)


def read_without_root_powers(path: Path) -> str:
    """``repr(read(path))`` as the user sees it, even when the tests run as root (CI does).

    Root reads any file through the capabilities to override file modes; a child
    that gave them up (``setpriv``) is refused like any other user, while still
    reading the tree and the virtualenv as before.
    """
    if os.geteuid() != 0:
        return repr(read(path))
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root needs setpriv (util-linux) to drop file-mode overrides"
    caps = "-dac_override,-dac_read_search"
    drop = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    done = subprocess.run(
        [*drop, sys.executable, "-c", _READ_IN_CHILD, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "locked.mbox"
    path.write_bytes(mbox(message(1)))
    path.chmod(0)
    expected = [SourceProblem(str(path), f"can't read {path}: Permission denied")]
    assert read_without_root_powers(path) == repr(expected)
    # The same file made readable again is read: the refusal above was the mode's doing.
    path.chmod(0o600)
    assert read_without_root_powers(path) == repr(read(path))
    assert subjects(read(path)) == ["Your application 1"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_is_not_a_mailbox() -> None:
    [problem] = read(Path("/dev/null"))
    assert problem.message == (
        "/dev/null is not a regular file; give an mbox or .eml file, or a Maildir"
    )
