"""``nextround person export --vcard``: the golden file, a real address book (khard), errors."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import vobject

from tests.cli.runner import Nextround
from tests.cli.test_calendar import (
    GoldenSearch,
    assert_golden,
    golden_search,
    require_program,
    sqlite_search,
)

__all__ = ["golden_search", "sqlite_search"]  # fixtures shared with the calendar tests

EVERYONE = ["Ana María de la Cruz", "Dr. Zoë Ng-Ålesund", "Lee Wong", "王小明"]


def read(path: Path) -> list[vobject.base.Component]:
    return list(vobject.readComponents(path.read_bytes().decode("utf-8")))


def test_the_cards_match_the_golden_file(
    golden_search: GoldenSearch, nr: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "people.vcf"
    result = nr.ok("person", "export", "--vcard", "-o", str(target))
    assert result.out == f"Wrote 4 contacts to {target}.\n"
    assert_golden("vcards/people.vcf", target.read_bytes())
    assert [c.fn.value for c in read(target)] == EVERYONE


def test_one_company_only(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "ub.vcf"
    report = nr_sqlite.ok("person", "export", "-o", str(target), "--company", "ünterberg", "--json")
    assert report.json() == {"path": str(target), "people": 2}
    cards = read(target)
    assert [c.fn.value for c in cards] == ["Ana María de la Cruz", "王小明"]
    assert {c.org.value[0] for c in cards} == {"Ünterberg & Søn; Design"}


class Khard:
    """A throwaway khard: its own config and one address-book folder (a vdir)."""

    def __init__(self, home: Path) -> None:
        self.program = require_program("khard")
        self.home, self.book = home, home / "contacts"
        self.book.mkdir(parents=True)
        self.config = home / "khard.conf"
        self.config.write_text(
            f"[addressbooks]\n[[nextround]]\npath = {self.book}\n"
            "[general]\ndebug = no\ndefault_action = list\n"
            "editor = /bin/false\nmerge_editor = /bin/false\n"
            "[contact table]\ndisplay = formatted_name\nshow_uids = yes\nsort = last_name\n"
            "[vcard]\npreferred_version = 3.0\nsearch_in_source_files = no\n"
            "skip_unparsable = no\n"
        )

    def import_file(self, path: Path) -> None:
        """What a sync tool does: one file per card in the folder, named after its UID."""
        text = path.read_bytes().decode("utf-8")
        for card in re.findall(r"BEGIN:VCARD\r\n.*?END:VCARD\r\n", text, re.DOTALL):
            uid = re.search(r"\r\nUID:([^\r]+)\r\n", card)
            assert uid is not None, card
            (self.book / f"{uid[1]}.vcf").write_bytes(card.encode("utf-8"))

    def run(self, *args: str) -> str:
        env = {**os.environ, "HOME": str(self.home), "XDG_CONFIG_HOME": str(self.home)}
        done = subprocess.run(
            [self.program, "-c", str(self.config), *args],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def people(self) -> dict[str, str]:
        """Name by UID, as khard lists them."""
        rows = [line.split("\t") for line in self.run("list", "-p").splitlines()]
        return {uid: name for uid, name, _book in rows}


def test_khard_reads_every_card_and_a_reimport_updates_it(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    khard = Khard(tmp_path / "khard")
    target = tmp_path / "people.vcf"
    nr_sqlite.ok("person", "export", "--vcard", "-o", str(target))
    khard.import_file(target)
    listed = khard.people()
    assert sorted(listed.values()) == EVERYONE
    zoe = khard.run("show", "--format", "yaml", "uid:person-1-1@nextround.local")
    for line in (
        "Prefix: Dr.",
        "First name: Zoë",
        "Last name: Ng-Ålesund",
        "  -   - Acme Robotics, Inc.",
        "Title: Head, Platform; EU",
        "INTERNET: zoe@acme.example",
        "            Acme Robotics, Inc.\n            1 Dock Road, Floor 2\n            Springfield",
        "Webpage: https://www.linkedin.com/in/zo%C3%AB-ng",
        "Asked about queues; loves sailing,",
    ):
        assert line in zoe
    assert "ana@ub.example\tAna María de la Cruz\tINTERNET" in khard.run("email", "-p")

    nr_sqlite.ok("person", "edit", "Lee Wong", "--title", "Staff Engineer, Payments")
    nr_sqlite.ok("person", "export", "--vcard", "-o", str(target))
    khard.import_file(target)
    assert khard.people() == listed  # updated, not duplicated
    lee = khard.run("show", "--format", "yaml", "Lee")
    assert "Title: Staff Engineer, Payments" in lee


def test_nobody_to_export_is_an_error_and_writes_nothing(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "people.vcf"
    result = nr_sqlite.run("person", "export", "--vcard", "-o", str(target))
    assert result.code == 1
    assert result.err == (
        "Error: no people to export; add someone with `nextround person add NAME --company NAME`\n"
    )
    assert not target.exists()


def test_an_unknown_company_is_an_error_with_a_suggestion(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    target = tmp_path / "people.vcf"
    result = nr_sqlite.run("person", "export", "-o", str(target), "--company", "Acme Robotix")
    assert result.code == 1
    assert (
        result.err
        == "Error: no company named 'Acme Robotix'. Did you mean 'Acme Robotics, Inc.'?\n"
    )
    assert not target.exists()


def test_an_unwritable_path_is_a_one_line_error(
    sqlite_search: GoldenSearch, nr_sqlite: Nextround, tmp_path: Path
) -> None:
    result = nr_sqlite.run("person", "export", "-o", str(tmp_path))
    assert result.code == 1
    assert result.err == f"Error: '{tmp_path}' is a folder; give a file name such as people.vcf\n"
