"""The interview journal: the prompt template, cleaning, sections and thank-you details."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.journal import (
    PROMPTS,
    JournalEntry,
    clean_entry,
    detail_for,
    prompt_template,
    sections,
    topics_in,
    with_topic_questions,
)

HEADINGS = [
    "Who I met",
    "Questions they asked",
    "Questions I asked",
    "What went well",
    "What I would do differently",
    "Thank-you details",
]


def entry(body: str, entry_id: int = 1) -> JournalEntry:
    return JournalEntry(entry_id, 7, date(2026, 3, 10), body)


# --------------------------------------------------------------------------- prompt_template()


def test_prompts_in_order() -> None:
    assert [heading for heading, _ in PROMPTS] == HEADINGS


@pytest.mark.parametrize("heading", HEADINGS)
def test_template_has_every_heading(heading: str) -> None:
    assert f"## {heading}\n" in prompt_template()


def test_template_headings_in_order_with_hints() -> None:
    text = prompt_template()
    positions = [text.index(f"## {h}") for h in HEADINGS]
    assert positions == sorted(positions)
    for _, hint in PROMPTS:
        if hint:
            assert f"<!-- {hint} -->" in text


def test_untouched_template_cleans_to_nothing() -> None:
    assert clean_entry(prompt_template()) == ""
    assert sections(clean_entry(prompt_template())) == {}


# --------------------------------------------------------------------------- clean_entry()


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param("", "", id="empty"),
        pytest.param("## Who I met\n<!-- hint -->\n\n", "", id="hint-only-dropped"),
        pytest.param("## Who I met\n\n   \n", "", id="blank-section-dropped"),
        pytest.param(
            "## Who I met\n<!-- hint -->\nDana, lab lead\n",
            "## Who I met\nDana, lab lead",
            id="hint-dropped-text-kept",
        ),
        pytest.param(
            "## Who I met\n<!-- hint -->\n\n## What went well\nThe demo\n\n## Thank-you details\n",
            "## What went well\nThe demo",
            id="only-written-sections-kept",
        ),
        pytest.param(
            "Free notes first\n\n## Who I met\n<!-- hint -->\n",
            "Free notes first",
            id="text-before-headings-kept",
        ),
        pytest.param(
            "## Who I met\nDana <!-- not a whole-line hint -->\n",
            "## Who I met\nDana <!-- not a whole-line hint -->",
            id="inline-comment-kept",
        ),
        pytest.param(
            "## My own heading\nsomething\n",
            "## My own heading\nsomething",
            id="own-headings-kept",
        ),
    ],
)
def test_clean_entry(text: str, cleaned: str) -> None:
    assert clean_entry(text) == cleaned


def test_clean_filled_template_keeps_written_sections_in_order() -> None:
    text = prompt_template()
    text = text.replace("## Who I met\n", "## Who I met\n- Dana: lab lead\n")
    text = text.replace("## Thank-you details\n", "## Thank-you details\n- Dana: the tour\n")
    cleaned = clean_entry(text)
    assert "<!--" not in cleaned
    assert "## Questions they asked" not in cleaned
    assert sections(cleaned) == {
        "Who I met": "- Dana: lab lead",
        "Thank-you details": "- Dana: the tour",
    }
    assert cleaned.index("## Who I met") < cleaned.index("## Thank-you details")


# --------------------------------------------------------------------------- sections()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("", {}, id="empty"),
        pytest.param("just notes\n", {"": "just notes"}, id="no-headings"),
        pytest.param(
            "intro\n## A\none\n\n## B\n\ntwo\nthree\n",
            {"": "intro", "A": "one", "B": "two\nthree"},
            id="intro-and-sections",
        ),
        pytest.param("## A\n\n## B\nbody\n", {"B": "body"}, id="empty-section-left-out"),
        pytest.param("##   Spaced  \nx\n", {"Spaced": "x"}, id="heading-trimmed"),
        pytest.param("### Deeper\nx\n", {"": "### Deeper\nx"}, id="only-level-2-headings"),
    ],
)
def test_sections(text: str, found: dict[str, str]) -> None:
    assert sections(text) == found


# --------------------------------------------------------------------------- detail_for()

THANKS = """## Who I met
- Dana: runs the lab
- Danah: recruiter

## Thank-you details
- Dana: the tour of the lab.
"""


@pytest.mark.parametrize(
    ("first", "full", "bodies", "detail"),
    [
        pytest.param(
            "Dana", "Dana Scully", [THANKS], "the tour of the lab", id="thanks-section-first"
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\n- Dana: the tour\n"],
            "the tour",
            id="dash-colon",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\n* Dana - the tour\n"],
            "the tour",
            id="star-dash",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\nDANA: the tour\n"],
            "the tour",
            id="case-insensitive",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\n- Dana Scully: the whiteboard session\n"],
            "the whiteboard session",
            id="full-name",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Who I met\n- Dana: showed me the lab\n\n## What went well\nthe demo\n"],
            "showed me the lab",
            id="falls-back-to-other-sections",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Who I met\n- Dana: early\n", "## Thank-you details\n- Dana: the later tour\n"],
            "the later tour",
            id="thanks-section-of-any-entry-first",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\n- Danah: the coffee\n"],
            None,
            id="danah-is-not-dana",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            [THANKS.replace("Dana:", "Fox:")],
            None,
            id="only-danah-mentioned",
        ),
        pytest.param(
            "Dana",
            "Dana Scully",
            ["## Thank-you details\n- Dana:\n"],
            None,
            id="nothing-after-name",
        ),
        pytest.param("Walter", "Walter Skinner", [THANKS], None, id="not-mentioned"),
        pytest.param("Dana", "Dana Scully", [], None, id="no-entries"),
        pytest.param("", "", [THANKS], None, id="no-name"),
    ],
)
def test_detail_for(first: str, full: str, bodies: list[str], detail: str | None) -> None:
    entries = [entry(b, i) for i, b in enumerate(bodies, start=1)]
    assert detail_for(first, full, entries) == detail


def test_an_edit_asks_about_interviewers_not_asked_yet_and_drops_the_unanswered() -> None:
    body = "## What did you talk about with Dana  Smith?\n- telemetry\n\n## What went well\nAll."
    opened = with_topic_questions(body, ["Dana Smith", "Lee Wong", "lee wong", "Zoë Ångström"])
    assert opened.startswith(body)
    assert opened.count("What did you talk about with") == 3  # Dana once, Lee once, Zoë
    assert "## What did you talk about with Zoë Ångström?\n<!--" in opened
    assert clean_entry(opened) == clean_entry(body)
    answered = opened.replace("Zoë Ångström?\n", "Zoë Ångström?\n- the lab tour\n")
    assert topics_in(clean_entry(answered))["Zoë Ångström"] == ("the lab tour",)
    assert with_topic_questions(body, ["DANA SMITH"]) == body
    assert with_topic_questions("Notes only.", []) == "Notes only."
