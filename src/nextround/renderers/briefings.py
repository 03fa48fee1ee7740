"""The company briefing ("what to expect next time") as Markdown or a standalone HTML page.

The :class:`Briefing` is plain data gathered by ``nextround.services.briefings``;
nothing here touches the database. The wording lives here too, so Markdown,
HTML and the opening line read the same. Journal text is the user's own
Markdown: kept as Markdown in Markdown output, converted with markdown-it-py
and sanitised with nh3 in HTML output (raw HTML in the journal never gets
through).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from nextround.domain.applications import Application, Status
from nextround.domain.briefings import (
    Briefing,
    EventKind,
    JournalNote,
    PersonMet,
    TimelineEvent,
)
from nextround.domain.companies import Company
from nextround.domain.interviews import Format
from nextround.domain.people import Person
from nextround.domain.since_no import role_title
from nextround.domain.tasks import Task
from nextround.domain.watch import clean_text

if TYPE_CHECKING:
    from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates" / "briefings"


def opening_line(
    company: Company,
    applications: Sequence[Application],
    timeline: Sequence[TimelineEvent],
    people_count: int,
) -> str:
    """A short, warm first line that fits where things stand."""
    name = company.name
    if coming := [e for e in timeline if e.upcoming and e.kind is EventKind.INTERVIEW]:
        kind = _FORMATS[coming[0].format or Format.OTHER].lower()
        at = f" at {coming[0].at:%H:%M}" if coming[0].at else ""
        return f"Next up: your {kind} for {coming[0].role} on {coming[0].on}{at}. Here is what you already know."
    if any(a.status is Status.OFFER for a in applications):
        return f"{name} made you an offer. Here is everything that led to it."
    latest = applications[-1] if applications else None
    if latest is not None and latest.status.is_open and len(applications) > 1:
        return f"Back at {name} for {latest.role}. You have been here before, and that helps."
    if rejected := [e for e in timeline if e.kind is EventKind.REJECTED]:
        known = f" You know {_count(people_count)} there now; that counts next time."
        return f"{name} said no to {rejected[-1].role} on {rejected[-1].on}: one decision, not the last word.{known if people_count else ''}"
    if applications or people_count:
        return f"Your story with {name} so far, all in one place."
    return f"Nothing with {name} yet: a clean slate. What you record will gather here."


def _count(people: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return f"{words[people] if people < len(words) else people} {'person' if people == 1 else 'people'}"


_FORMATS = {
    Format.PHONE: "Phone interview",
    Format.VIDEO: "Video interview",
    Format.ONSITE: "Onsite interview",
    Format.TAKE_HOME: "Take-home exercise",
    Format.OTHER: "Interview",
}


def _event_title(event: TimelineEvent) -> str:
    if event.kind is EventKind.APPLIED:
        return f"Applied for {event.role}"
    if event.kind is EventKind.REJECTED:
        return f"They said no to {event.role}"
    return f"{_FORMATS[event.format or Format.OTHER]} for {event.role}"


def event_text(event: TimelineEvent) -> str:
    """What happened, in one line (the date shown separately)."""
    text = _event_title(event)
    if event.kind is EventKind.APPLIED:
        status = "" if event.status is Status.APPLIED else f", {event.status.value}"
        text += f" (#{event.application_id}{status})"
    elif event.kind is EventKind.INTERVIEW:
        if event.people:
            text += f", with {_names(event.people)}"
        elif event.format is not Format.TAKE_HOME:
            text += ", interviewers not recorded"
        text += " (coming up)" if event.upcoming else ""
        text += f"; {event.notes}" if event.notes.strip() else ""
    return text


def when(event: TimelineEvent) -> str:
    return f"{event.on} {event.at:%H:%M}" if event.at else str(event.on)


def _names(people: Sequence[Person]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def person_line(met: PersonMet) -> str:
    parts = [met.person.title or "role not recorded"]
    if met.met_on:
        parts.append("met " + ", ".join(str(d) for d in met.met_on))
    if met.meeting_on:
        again = " again" if met.met_on else ""
        parts.append(f"meeting{again} " + ", ".join(str(d) for d in met.meeting_on))
    return " · ".join(parts)


def note_title(note: JournalNote) -> str:
    title = f"Written {note.entry.written_on}"
    if note.interview_on is not None:
        kind = _FORMATS[note.interview_format or Format.OTHER].lower()
        title += f", about the {kind} on {note.interview_on}"
    return title


def application_title(app: Application) -> str:
    return f"{app.role} (#{app.id}, {app.status.value})"


def follow_up_text(task: Task) -> str:
    state = "" if task.status.value == "open" else f", {task.status.value}"
    return f"{task.title} (task #{task.id}{state})"


def followed_text(followed_on: date | None) -> str:
    return f"followed since {followed_on}" if followed_on else "not followed yet"


NO_PEOPLE = "No one recorded here yet. Add the people you meet with `nextround person add`."


def since_no_heading(b: Briefing) -> str:
    last = b.last_no
    return f"Since they said no ({last.rejected_on})" if last else ""


def since_no_items(b: Briefing) -> list[tuple[str, str]]:
    """What changed since the latest no, as (text, link) lines; a hint when nothing can be
    known (the company not watched) or a line saying nothing new was seen."""
    last, since = b.last_no, b.since_no
    if last is None:
        return []
    if since is None:
        watch = f"`nextround watch add {b.company.id} --board URL`"
        return [(f"Not watched: {watch} follows their job board and news.", "")]
    found = [
        (f"The {since.role} role, listed again (seen {p.returned_on or p.first_seen})", p.url)
        for p in since.reopened[:1]
    ]
    found += [
        (f"New role: {role_title(p.title)} (seen {p.first_seen})", p.url) for p in since.new_roles
    ]
    found += [(f"News, {n.published_on}: {clean_text(n.title)}", n.url) for n in since.news]
    return found or [("Nothing new seen on their board or in their news since then.", "")]


def no_journal(briefing: Briefing) -> str:
    sent = [a for a in briefing.applications if a.was_applied]
    if not sent:
        return "No journal notes yet."
    return f"No journal notes yet. `nextround journal add {sent[-1].id}` opens the prompts."


NO_STEPS = "No follow-up steps with them yet."


def contained(markdown: str) -> str:
    """Journal Markdown made safe to nest: headings demoted, an open code fence closed."""
    lines = [re.sub(r"^ {0,3}#{1,6}(?=\s|$)", "#####", ln) for ln in markdown.splitlines()]
    if sum(1 for ln in lines if re.match(r"^ {0,3}(```|~~~)", ln)) % 2:
        lines.append("```")
    return "\n".join(lines)


# Markdown


# Backslash-escaped: inline markup, entities, a "#" that could open or close a heading,
# and a "-" or "+" that would start a list at the start of a line.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)|^[#+-]|(?<=\s)#(?=#*$)")


def md(text: str) -> str:
    """Plain text as Markdown that shows exactly that text, on one line."""
    text = _MD_SPECIAL.sub(lambda m: "\\" + m[0], " ".join(text.split()))
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # "1." would start a numbered list


def md_url(url: str) -> str:
    return f"<{url}>" if re.fullmatch(r"https?://[^\s<>]+", url) else md(url)


def _md_journal(text: str) -> str:
    """The user's Markdown, contained, with HTML blocks (which could swallow what follows) escaped."""
    return re.sub(
        r"^( {0,3})<(?=[A-Za-z/!?])(?![A-Za-z][\w+.-]*:)", r"\1\\<", contained(text), flags=re.M
    )


def to_markdown(briefing: Briefing) -> str:
    """The whole briefing as a Markdown document."""
    blocks = [
        f"# {md(briefing.company.name)}: what to expect next time",
        md(briefing.opening),
        _md_header(briefing),
        *_md_timeline(briefing),
        *_md_people(briefing),
        *_md_journal_notes(briefing),
        *_md_follow_ups(briefing),
        *_md_since_no(briefing),
        *_md_people_you_know(briefing),
        *_md_socials(briefing.company),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _md_header(b: Briefing) -> str:
    parts = [f"Prepared {b.today}"]
    parts += [f"{label}: {md_url(url)}" for label, url in _links(b.company)]
    return " · ".join(parts)


def _links(company: Company) -> list[tuple[str, str]]:
    found = [("website", company.website), ("careers", company.careers_url)]
    return [(label, url) for label, url in found if url]


def _md_timeline(b: Briefing) -> Iterator[str]:
    if not (b.timeline or b.saved):
        return
    yield "## Timeline"
    lines = [f"- **{when(e)}**: {md(event_text(e))}" for e in b.timeline]
    lines += [f"- Saved for later: {md(a.role)} (#{a.id})" for a in b.saved]
    yield "\n".join(lines)


def _md_people(b: Briefing) -> Iterator[str]:
    yield "## People you met"
    if not b.people:
        yield NO_PEOPLE
    for met in b.people:
        yield f"### {md(met.person.name)}"
        yield md(person_line(met))
        if met.person.notes.strip():
            yield "\n".join(f"> {md(ln)}" for ln in met.person.notes.strip().splitlines())
        yield NO_STEPS if met.untouched else "\n".join(_md_steps(met))


def step_state(task: Task) -> str:
    """ "due 2026-11-27" for a step to do; "done 2026-11-22" or "skipped" for the others."""
    if task.status.is_pending:
        return f"due {task.due.isoformat()}"
    return f"{task.status.value} {task.done_on.isoformat()}" if task.done_on else task.status.value


def _md_steps(met: PersonMet) -> Iterator[str]:
    """Their steps on the task list, then the relationship's steps once one is taken."""
    for task in met.tasks:
        yield f"- {md(task.title)}: {step_state(task)}"
    if met.touched:
        yield from (f"- {s}: {v}" for s, v in met.steps)


def _md_journal_notes(b: Briefing) -> Iterator[str]:
    yield "## Journal"
    if not b.journal:
        yield no_journal(b)
    for group in b.journal:
        yield f"### {md(application_title(group.application))}"
        for note in group.notes:
            yield f"#### {note_title(note)}"
            for section in (*note.highlights, *note.other):
                yield f"**{md(section.heading)}**"
                yield _md_journal(section.text)


def _md_follow_ups(b: Briefing) -> Iterator[str]:
    if b.follow_ups:
        yield "## Open follow-ups"
        yield "\n".join(f"- **{t.due}**: {md(follow_up_text(t))}" for t in b.follow_ups)


def _md_since_no(b: Briefing) -> Iterator[str]:
    if items := since_no_items(b):
        yield f"## {md(since_no_heading(b))}"
        yield "\n".join(
            f"- {_md_hint(text)}" + (f" ({md_url(url)})" if url else "") for text, url in items
        )


def people_you_know_heading(b: Briefing) -> str:
    """Over who the user knows there, shown when a role was posted or reopened since the no."""
    n = len(b.people_you_know)
    return f"You know {'1 person' if n == 1 else f'{n} people'} at {b.company.name}"


def _md_people_you_know(b: Briefing) -> Iterator[str]:
    if b.people_you_know:
        yield f"## {md(people_you_know_heading(b))}"
        yield "\n".join(
            f"- {md(p.line)}" + (f", last in touch {p.last_in_touch}" if p.last_in_touch else "")
            for p in b.people_you_know
        )


def _md_hint(text: str) -> str:
    """Our own text, its `commands` kept as code."""
    parts = text.split("`")
    return "".join(f"`{p}`" if i % 2 else _spaced(p) for i, p in enumerate(parts))


def _spaced(text: str) -> str:
    """``md(text)`` with the spaces at either end kept (it sits beside code)."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + md(text) + trail


def _md_socials(company: Company) -> Iterator[str]:
    if company.socials:
        yield "## Their accounts"
        yield "\n".join(
            f"- {md(s.network)}: {md_url(s.url)} ({followed_text(s.followed_on)})"
            for s in company.socials
        )


# HTML


def to_html(briefing: Briefing) -> str:
    """The briefing as a standalone HTML page (styles inline, no scripts)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["journal"] = journal_html
    env.filters["code"] = _code_html
    wording = (event_text, when, person_line, note_title, application_title, follow_up_text)
    extra = (followed_text, no_journal, since_no_heading, since_no_items, people_you_know_heading)
    env.globals["step_state"] = step_state
    env.globals.update({f.__name__: f for f in (*wording, *extra)})
    env.globals.update(links=_links, safe_url=_safe_url, NO_PEOPLE=NO_PEOPLE, NO_STEPS=NO_STEPS)
    return env.get_template("briefing.html.j2").render(b=briefing)


def journal_html(text: str) -> Markup:
    """Journal Markdown as sanitised HTML: raw HTML shown as text, unsafe links dropped.

    A heading in an entry becomes a bold line, not an ``<hN>``: the entry sits inside a
    page whose own headings give its outline (screen readers navigate by them).
    """
    import markupsafe
    import nh3
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"html": False, "breaks": True}).render(contained(text))
    clean = nh3.clean(rendered, url_schemes={"http", "https", "mailto"})
    clean = _HEADING_TAG.sub(lambda m: _BOLD_LINE[m[1] == "/"], clean)
    return markupsafe.Markup(clean)  # noqa: S704 - sanitised by nh3 just above


_HEADING_TAG = re.compile(r"<(/?)h[1-6]>")
_BOLD_LINE = ('<p class="journal-heading"><strong>', "</strong></p>")


def _code_html(hint: str) -> object:
    """Our own hints' `commands` as <code>, the rest escaped."""
    import markupsafe

    escaped = str(markupsafe.escape(hint))
    return markupsafe.Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped))  # noqa: S704 - escaped above


def _safe_url(url: str) -> str | None:
    """Only web addresses become links."""
    return url if re.match(r"https?://", url, flags=re.I) else None
