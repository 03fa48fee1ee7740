"""``nextround card`` as a user runs it: real PDFs from the demo and from names in
any script, and bad input that leaves no file behind and no task changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Nextround
from tests.cli.test_bad_input import fingerprint
from tests.pdfcheck import (
    A4_SHEET,
    A7_CARD,
    A7_ENVELOPE,
    CJK_FONT,
    LETTER_SHEET,
    PdfCheck,
    require_fonts,
    require_tools,
)

COMPANY = "北京星辰科技"


@pytest.fixture(autouse=True)
def _tools_and_fonts(tmp_path: Path) -> None:
    require_tools()
    require_fonts()
    # The user's name is set (cards are refused without one); a test may write its own.
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[user]\nname = "Sam Rivera"\n', encoding="utf-8")


def open_cards(nr: Nextround) -> list[dict[str, str]]:
    return [t for t in nr.ok("tasks", "--json").json() if t["kind"] == "thank_you_card"]


def test_every_open_card_of_the_demo_prints_with_its_envelope(
    nr: Nextround, tmp_path: Path
) -> None:
    nr.ok("demo")
    expected = open_cards(nr)
    assert len(expected) >= 3
    out = tmp_path / "cards.pdf"
    result = nr.ok("card", "--all-open", "-o", str(out))
    assert result.err == ""
    assert (
        f"{len(expected)} thank-you cards (A2) with their envelopes (A2), at real size on "
        "US Letter sheets with cut marks; page 1 is the cover sheet."
    ) in result.out
    pdf = PdfCheck.at(out)
    assert pdf.sizes() == [LETTER_SHEET] * (1 + 2 * len(expected))
    for i, task in enumerate(expected):
        card, envelope = 2 * i + 2, 2 * i + 3
        pdf.has(card, task["draft"])
        assert f"#{task['id']}" not in pdf.text(card)
        pdf.has(1, f"Card {i + 1} of {len(expected)} · task #{task['id']}")
        pdf.has(envelope, task["person"])
        pdf.laid_out(card, LETTER_SHEET)
        pdf.laid_out(envelope, LETTER_SHEET)
        assert f"#{task['id']}" in result.out
    needing = [i for i, t in enumerate(expected) if "address needed" in t["title"]]
    assert needing, "the demo has a card without any address"
    for i in needing:
        assert "ADDRESS NEEDED" in pdf.text(2 * i + 3)
    assert "address needed: the envelope has a box to fill in" in result.out
    assert "No return address yet: set name and address under [user]" in result.out
    assert open_cards(nr) == expected, "printing is not mailing"


def test_a_demo_card_by_person_goes_to_the_office_and_any_file_name_will_do(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    nr = nr_sqlite
    nr.ok("demo")
    out = tmp_path / "priya.pdf"
    shown = nr.ok("card", "Priya Raman", "-o", str(out), "--json").json()
    assert shown["output"] == str(out)
    assert (shown["pages"], shown["sheet"], shown["warnings"]) == (3, "letter", [])
    assert [(c["person"], c["address_from"], c["card_count"]) for c in shown["cards"]] == [
        ("Priya Raman", "company", 1)
    ]
    pdf = PdfCheck.at(out)
    pdf.has(3, "Priya Raman", "Lumenfield Analytics", "48 Lantern Street", "Brightport BP1 4LF")
    pdf.has(2, "Dear Priya,", "the ingest pipeline")
    plain = tmp_path / "jonas"
    result = nr.ok("card", "Jonas", "-o", str(plain))
    assert result.err == f"Note: {plain} doesn't end in .pdf; writing a PDF all the same.\n"
    PdfCheck.at(plain).has(3, "Jonas Whitfield")
    a7 = tmp_path / "a7.pdf"
    shown = nr.ok("card", "Priya Raman", "-o", str(a7), "--size", "A7", "--sheet", "envelope")
    assert "(A7) with its envelope (A7), each page the size of the card or the envelope" in (
        shown.out
    )
    assert PdfCheck.at(a7).sizes() == [A7_CARD, A7_CARD, A7_ENVELOPE]
    folded = tmp_path / "folded.pdf"
    shown = nr.ok("card", "Priya Raman", "-o", str(folded), "--size", "a6", "--folded", "--json")
    assert (shown.json()["folded"], shown.json()["sheet"]) == (True, "a4")
    portrait = tuple(reversed(A4_SHEET))
    assert PdfCheck.at(folded).sizes() == [A4_SHEET, portrait, A4_SHEET]
    refused = nr.run("card", "Priya Raman", "-o", str(folded), "--size", "dl", "--folded")
    assert refused.code == 1 and "doesn't fit on A4 with cut marks" in refused.err


def record_beijing(nr: Nextround) -> None:
    nr.ok("company", "add", COMPANY, "--address", "北京市海淀区中关村大街 27 号")
    nr.ok("person", "add", "李小龙", "--company", COMPANY)
    nr.ok(
        "person",
        "add",
        "Zoë Ångström",
        "--company",
        COMPANY,
        "--address",
        "Storgatan 1, 111 22 Stockholm",
    )
    nr.ok("app", "add", "--company", COMPANY, "--role", "数据工程师", "--applied", "2026-10-01")
    nr.ok("interview", "add", "1", "--on", "2026-11-10", "--with", "李小龙", "--with", "Zoë")
    nr.ok("reject", "1", "--on", "2026-11-20")


def test_names_and_addresses_in_any_script_print_on_a6(
    nr_sqlite: Nextround, tmp_path: Path
) -> None:
    require_fonts(CJK_FONT)
    nr = nr_sqlite
    nr.config.parent.mkdir(parents=True, exist_ok=True)
    nr.config.write_text(
        '[user]\nname = "Alex Rivera"\naddress = "12 Willow Close\\nBrightport BP3 2AR"\n\n'
        '[cards]\nsize = "a6"\n',
        encoding="utf-8",
    )
    record_beijing(nr)
    [task] = [t for t in open_cards(nr) if t["person"] == "李小龙"]
    out = tmp_path / "李.pdf"
    result = nr.ok("card", str(task["id"]), "-o", str(out))
    assert "1 thank-you card (A6) with its envelope (C6), at real size on A4 sheets" in result.out
    assert "No return address" not in result.out
    pdf = PdfCheck.at(out)
    assert pdf.sizes() == [A4_SHEET] * 3
    pdf.has(2, "Dear 李小龙,", "数据工程师", COMPANY, "Alex Rivera")
    pdf.has(3, "李小龙", COMPANY, "北京市海淀区中关村大街 27 号", "12 Willow Close")
    assert "WenQuanYi-Micro-Hei" in pdf.fonts()
    pdf.laid_out(2, A4_SHEET)
    pdf.laid_out(3, A4_SHEET)
    zoe = tmp_path / "zoe.pdf"
    nr.ok("card", "zoë ångström", "-o", str(zoe))
    PdfCheck.at(zoe).has(3, "Zoë Ångström", "Storgatan 1", "111 22 Stockholm")


def test_bad_input_is_one_line_and_leaves_nothing_behind(demo: Nextround, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    journal = next(t for t in demo.ok("tasks", "--json").json() if t["kind"] == "journal")
    out = str(tmp_path / "out.pdf")
    cases = [
        (("999", "-o", out), "Error: no task with id 999"),
        (
            (str(journal["id"]), "-o", out),
            f"Error: task {journal['id']} is a journal task, not a thank-you card",
        ),
        (("Nobody Atall", "-o", out), "Error: no person named 'Nobody Atall'"),
        (("Marguerite", "-o", out), "Error: Marguerite Lindqvist has no open thank-you card task"),
        (("-o", out), "Error: give a TASK_ID or PERSON, or --all-open (not both)"),
        (("2", "--all-open", "-o", out), "Error: give a TASK_ID or PERSON, or --all-open"),
        (("2",), "Error: Missing option '-o' / '--output'"),
        (("2", "-o", str(tmp_path / "missing" / "x.pdf")), "the folder"),
        (("2", "-o", str(tmp_path / "a-file" / "x.pdf")), "does not exist"),
        (("2", "-o", str(tmp_path)), "is a folder; give a file name such as cards.pdf"),
        (("2", "-o", out, "--size", "b5"), "Invalid value for '--size': 'b5' is not one of"),
        (("2", "-o", out, "--sheet", "a3"), "Invalid value for '--sheet': 'a3' is not one of"),
    ]
    before, files = fingerprint(demo.db), sorted(tmp_path.rglob("*"))
    for args, message in cases:
        result = demo.run("card", *args)
        assert result.code != 0, args
        assert result.err.startswith("Error: ") and result.err.count("\n") == 1, result.err
        assert message in result.err, (args, result.err)
        assert result.out == ""
    assert sorted(tmp_path.rglob("*")) == files
    assert fingerprint(demo.db) == before


def test_a_card_that_cannot_be_laid_out_leaves_the_old_file_alone(
    demo: Nextround, tmp_path: Path
) -> None:
    task = open_cards(demo)[0]
    demo.ok("task", "edit", str(task["id"]), "--text", "\n\n".join(["Thanks again, truly."] * 50))
    prints = tmp_path / "prints"
    prints.mkdir()
    out = prints / "cards.pdf"
    out.write_bytes(b"%PDF- an older print")
    before = fingerprint(demo.db)
    result = demo.run("card", "--all-open", "-o", str(out))
    assert result.code == 1
    assert result.err == (
        f"Error: the message of task {task['id']} (card to {task['person']}) doesn't fit on "
        "2 A2 cards, even in small type; shorten it\n"
    )
    assert out.read_bytes() == b"%PDF- an older print"
    assert [p.name for p in prints.iterdir()] == ["cards.pdf"]
    assert fingerprint(demo.db) == before


def test_a_long_card_prints_on_two_cards_and_says_so(demo: Nextround, tmp_path: Path) -> None:
    task = open_cards(demo)[0]
    long = "\n\n".join(["Thank you again for the tour of the lab and the long demo."] * 9)
    demo.ok("task", "edit", str(task["id"]), "--text", f"Dear you,\n\n{long}")
    out = tmp_path / "long.pdf"
    result = demo.ok("card", str(task["id"]), "-o", str(out), "--size", "a6")
    assert result.err == (
        f"Warning: the message of task {task['id']} (card to {task['person']}) is too long "
        "for one A6 card even at 14 pt, so it continues on a second card; shorten it to fit "
        "on one.\n"
    )
    pdf = PdfCheck.at(out)
    assert pdf.sizes() == [A4_SHEET] * 4
    pdf.has(1, "continues on a second card")


def test_nothing_to_print_in_an_empty_database(nr_sqlite: Nextround, tmp_path: Path) -> None:
    result = nr_sqlite.run("card", "--all-open", "-o", str(tmp_path / "x.pdf"))
    assert (result.code, result.err) == (
        1,
        "Error: there are no open thank-you card tasks to print\n",
    )
    assert list(tmp_path.glob("*.pdf")) == []
