"""The briefing as Markdown and HTML, from hand-built data (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from nextround.domain.applications import Application, Status
from nextround.domain.briefings import (
    ApplicationNotes,
    Briefing,
    EventKind,
    JournalNote,
    PersonMet,
    Section,
    TimelineEvent,
)
from nextround.domain.companies import Company, SocialAccount
from nextround.domain.interviews import Format
from nextround.domain.journal import JournalEntry
from nextround.domain.people import ConnectState, Person, Relationship
from nextround.domain.tasks import Kind, Task, TaskStatus
from nextround.renderers.briefings import (
    contained,
    event_text,
    md,
    opening_line,
    to_html,
    to_markdown,
)

TODAY = date(2026, 11, 25)
EVIL = """\
<script>alert(1)</script>
Click [here](javascript:alert(2)) or <a href="javascript:alert(3)">there</a>.
<img src=x onerror=alert(4)> and **bold** and <https://ok.example/path>
"""


def briefing(
    *,
    company: str = "Acme Robotics",
    person: str = "Dana Smith",
    title: str | None = "Engineering Manager",
    role: str = "Backend Engineer",
    journal: str = "- Design a rate limiter.",
    notes: str = "",
) -> Briefing:
    """One application, one interview with one person, one journal entry, one task."""
    firm = Company(
        1, company, "https://acme.example", socials=(SocialAccount("https://x.com/acme"),)
    )
    app = Application(1, 1, role, Status.REJECTED, company, date(2026, 10, 1), date(2026, 11, 20))
    someone = Person(2, person, 1, company, title, notes=notes)
    base = TimelineEvent(date(2026, 10, 1), EventKind.APPLIED, 1, role, Status.REJECTED)
    met = replace(
        base, on=date(2026, 11, 10), kind=EventKind.INTERVIEW, at=time(14, 30), people=(someone,)
    )
    timeline = (
        base,
        replace(met, format=Format.VIDEO),
        replace(base, on=date(2026, 11, 20), kind=EventKind.REJECTED),
    )
    bond = Relationship(2, card_mailed_on=date(2026, 11, 22))
    entry = JournalEntry(3, 1, date(2026, 11, 11), journal, interview_id=4)
    asked = (Section("Questions they asked", journal),)
    note = JournalNote(entry, asked, (), date(2026, 11, 10), Format.VIDEO)
    task = Task(
        5, "k", Kind.CHECK_BACK, f"Check back with {company}", date(2027, 2, 20), TaskStatus.OPEN
    )
    steps = tuple(bond.steps(TODAY))
    dana = PersonMet(someone, bond, ConnectState.NOT_ASKED, steps, (date(2026, 11, 10),))
    return Briefing(
        company=firm,
        today=TODAY,
        opening=f"{company} said no: one decision, not the last word.",
        applications=(app,),
        timeline=timeline,
        people=(dana,),
        journal=(ApplicationNotes(app, (note,)),),
        follow_ups=(task,),
    )


def tokens(markdown: str) -> list[Token]:
    """Every token, inline children included."""
    found: list[Token] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        found += [token, *(token.children or [])]
    return found


def heading_texts(markdown: str, tag: str) -> list[str]:
    found = MarkdownIt("commonmark").parse(markdown)
    return [
        "".join(c.content for c in (found[i + 1].children or []))
        for i, t in enumerate(found)
        if t.type == "heading_open" and t.tag == tag
    ]


class Elements(HTMLParser):
    """The tags and attributes of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def test_markdown_has_every_part_in_order() -> None:
    text = to_markdown(briefing())
    assert text.startswith("# Acme Robotics: what to expect next time\n\n")
    assert heading_texts(text, "h2") == [
        "Timeline",
        "People you met",
        "Journal",
        "Open follow-ups",
        "Since they said no (2026-11-20)",
        "Their accounts",
    ]
    assert "- **2026-11-10 14:30**: Video interview for Backend Engineer, with Dana Smith" in text
    assert "Engineering Manager · met 2026-11-10" in text
    assert "- card mailed: 2026-11-22\n- congratulated: not yet" in text
    assert "- **2026-11-20**: They said no to Backend Engineer" in text
    assert "#### Written 2026-11-11, about the video interview on 2026-11-10" in text
    assert "**Questions they asked**\n\n- Design a rate limiter." in text
    assert "- X: <https://x.com/acme> (not followed yet)" in text


TRICKY = [
    "A*star*_Labs_",
    "[Evil](https://evil.example) <b>Co</b>",
    "Back`tick` & Sons &amp; Co",
    "Team #",
    "# Hash Co",
    "Pipe | Table ~Strike~ \\Slash",
    "1. First Co",
    "12) Twelve",
    "- Dash",
    "+ Plus",
    "> Quote",
    "---",
]


@pytest.mark.parametrize("text", TRICKY)
def test_md_shows_plain_text_as_written(text: str) -> None:
    found = MarkdownIt("commonmark").parse(md(text))
    assert [t.type for t in found] == ["paragraph_open", "inline", "paragraph_close"]
    assert "".join(c.content for c in found[1].children or []) == text


@pytest.mark.parametrize("name", TRICKY)
def test_markdown_special_characters_in_names_show_as_written(name: str) -> None:
    text = to_markdown(briefing(company=name, person=name, role=name, title=name))
    assert heading_texts(text, "h1") == [f"{name}: what to expect next time"]
    assert heading_texts(text, "h3")[0] == name
    markup = {"em_open", "strong_open", "link_open", "html_inline", "code_inline", "s_open"}
    timeline = text.split("## Timeline")[1].split("## People")[0]
    assert not [t.type for t in tokens(timeline) if t.type in markup - {"strong_open"}]
    assert not [t.type for t in tokens(text.split("\n\n")[0]) if t.type in markup]


def test_md_escapes_only_what_needs_it() -> None:
    assert md("Dr. Zoë Ng (CTO) - C# team") == "Dr. Zoë Ng (CTO) - C# team"
    assert md("snake_case *x*") == "snake\\_case \\*x\\*"
    assert md("two\nlines") == "two lines"


def test_journal_markdown_cannot_swallow_the_rest_of_the_briefing() -> None:
    journal = "# My own heading\n```python\nprint('never closed')\n<script>\n"
    text = to_markdown(briefing(journal=journal))
    assert heading_texts(text, "h2")[-3:] == [
        "Open follow-ups",
        "Since they said no (2026-11-20)",
        "Their accounts",
    ]
    assert "##### My own heading" in text
    assert contained("```\nx") == "```\nx\n```"


def test_html_is_a_standalone_page() -> None:
    page = to_html(briefing())
    assert page.startswith("<!DOCTYPE html>")
    tags = elements(page)
    assert ("meta", {"charset": "utf-8"}) in tags
    assert not [t for t, a in tags if t in {"script", "link", "iframe"}]
    assert [a["href"] for t, a in tags if t == "a"] == [
        "https://acme.example",
        "https://x.com/acme",
    ]
    assert "<h1>Acme Robotics: what to expect next time</h1>" in page
    assert "<li>Design a rate limiter.</li>" in page


def test_journal_html_is_sanitised() -> None:
    page = to_html(briefing(journal=EVIL, notes="<script>alert(5)</script>"))
    tags = elements(page)
    assert not [t for t, _ in tags if t in {"script", "img", "iframe"}]
    hrefs = [a.get("href") or "" for t, a in tags if t == "a"]
    assert not [h for h in hrefs if not h.startswith("https://")]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert "javascript:" not in " ".join(hrefs).lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as the text it is
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page
    assert "<strong>bold</strong>" in page
    assert 'href="https://ok.example/path"' in page


def test_names_are_escaped_in_html() -> None:
    page = to_html(briefing(company="<b>Bold</b> & Co", person='"><script>x</script>'))
    assert not [t for t, _ in elements(page) if t in {"script", "b"}]
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co: what to expect next time" in page


OPENINGS = [
    ((), (), 0, "Nothing with Acme yet: a clean slate."),
    ((Status.SAVED,), (), 0, "Your story with Acme so far"),
    ((Status.REJECTED,), (EventKind.REJECTED,), 1, "You know one person there now"),
    ((Status.REJECTED,), (EventKind.REJECTED,), 0, "one decision, not the last word."),
    ((Status.REJECTED, Status.APPLIED), (EventKind.REJECTED,), 2, "Back at Acme for Role 1."),
    ((Status.OFFER,), (), 2, "Acme made you an offer."),
    ((Status.REJECTED, Status.INTERVIEWING), (EventKind.INTERVIEW,), 2, "Next up: your"),
]


@pytest.mark.parametrize(("statuses", "kinds", "known", "expected"), OPENINGS)
def test_opening_line_fits_and_stays_warm(
    statuses: tuple[Status, ...], kinds: tuple[EventKind, ...], known: int, expected: str
) -> None:
    apps = [Application(i, 1, f"Role {i}", s) for i, s in enumerate(statuses)]
    events = [
        TimelineEvent(TODAY, k, 0, "Role 0", Status.REJECTED, upcoming=k is EventKind.INTERVIEW)
        for k in kinds
    ]
    line = opening_line(Company(1, "Acme"), apps, events, known)
    assert expected in line
    assert not any(w in line.lower() for w in ("fail", "unfortunately", "should have", "sorry"))
    assert len(line) < 160


def test_event_lines_say_who_sat_in_and_what_is_still_to_come() -> None:
    base = TimelineEvent(
        TODAY, EventKind.INTERVIEW, 7, "Analyst", Status.INTERVIEWING, format=Format.VIDEO
    )
    lee = Person(1, "Lee Wong", 1)
    assert event_text(replace(base, format=Format.PHONE)) == (
        "Phone interview for Analyst, interviewers not recorded"
    )
    assert event_text(replace(base, format=Format.TAKE_HOME)) == "Take-home exercise for Analyst"
    assert event_text(replace(base, people=(lee,), upcoming=True, notes="Bring the laptop")) == (
        "Video interview for Analyst, with Lee Wong (coming up); Bring the laptop"
    )
    assert event_text(replace(base, kind=EventKind.APPLIED, status=Status.APPLIED)) == (
        "Applied for Analyst (#7)"
    )
