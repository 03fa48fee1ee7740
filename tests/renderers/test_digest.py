"""The digest's text: its sections, and board or feed text kept to one clean line each."""

from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.digest import Digest, News, Posting
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.renderers.digest import as_text

TODAY = date(2026, 12, 4)


def step(i: int, title: str, due: date, **more: object) -> Task:
    values: dict[str, object] = {
        "id": i,
        "key": f"k{i}",
        "kind": Kind.CHECK_BACK,
        "title": title,
        "due": due,
        "status": TaskStatus.OPEN,
        **more,
    }
    return Task(**values)  # type: ignore[arg-type]


def digest(**parts: object) -> Digest:
    values: dict[str, object] = {
        "today": TODAY,
        "period": "daily",
        "since": datetime(2026, 12, 3, 7, 30),
        "overdue": (),
        "due": (),
        "reopened": (),
        "matching": (),
        "news": (),
        **parts,
    }
    return Digest(**values)  # type: ignore[arg-type]


def test_sections_in_order_and_only_those_with_something() -> None:
    text = as_text(
        digest(
            overdue=(step(1, "Check back with Acme", date(2026, 12, 1), url="https://a.example"),),
            due=(step(2, "Write a card to Dana", TODAY, company="Acme"),),
            news=(News(3, "Acme", "Acme turns ten", "https://a.example/n", date(2026, 12, 2)),),
        )
    )
    assert text == (
        "Your nextround digest for Fri 4 Dec 2026\n"
        "\n"
        "Overdue:\n"
        "- Tue 1 Dec 2026: Check back with Acme\n"
        "  https://a.example\n"
        "\n"
        "Due today:\n"
        "- Write a card to Dana (Acme)\n"
        "\n"
        "News from companies you follow:\n"
        "- Acme: Acme turns ten (Wed 2 Dec 2026)\n"
        "  https://a.example/n\n"
        "\n"
        "What changed is counted from your last digest (Thu 3 Dec 2026).\n"
        "\n"
        "`nextround today` has the details. Go well.\n"
    )
    assert "Open again" not in text and "matching your interests" not in text


def test_the_subject_sums_it_up() -> None:
    found = digest(
        overdue=(step(1, "a", date(2026, 12, 1)),),
        due=(step(2, "b", TODAY),),
        reopened=(step(3, "c", TODAY, kind=Kind.REOPENED_ROLE),),
        matching=(Posting(1, "Acme", "Data Engineer", ""),),
    )
    assert found.subject() == (
        "Your nextround digest: 2 steps, 1 role open again, 1 new role for you"
    )
    assert digest().is_empty() and digest().subject() == "Your nextround digest: nothing new"


@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=40))
def test_text_from_boards_and_feeds_stays_one_clean_line(
    title: str, company: str, place: str
) -> None:
    text = as_text(
        digest(
            matching=(Posting(1, company, title, "https://x.example/\n1", place),),
            news=(News(2, company, title, "https://x.example/n"),),
        )
    )
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    section = text.split("New roles matching your interests:\n", 1)[1].split("\n\n", 1)[0]
    assert len(section.splitlines()) == 2  # the posting, and its link
    assert section.splitlines()[0].startswith("- ")
