"""The journal asks "What did you talk about with NAME?" for each interviewer, and keeps the
answers as that person's topics on the interview (the field drafts use); the rest of the
entry stays the user's notes, never spliced into a draft."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nextround.domain.interviews import NewInterview
from nextround.domain.journal import (
    JournalEntryChanges,
    NewJournalEntry,
    clean_entry,
    prompt_template,
    topics_in,
)
from nextround.domain.tasks import Kind
from nextround.errors import InvalidInput
from nextround.services import applications, interviews, journal, tasks
from nextround.services.context import Context
from tests.services.scenario import interviewed
from tests.tables import fingerprint


def answered(template: str, name: str, lines: str) -> str:
    question = f"## What did you talk about with {name}?\n"
    assert question in template
    return template.replace(question, question + lines + "\n")


def test_the_prompts_ask_about_each_interviewer_in_the_order_met(ctx: Context) -> None:
    s = interviewed(ctx)
    names = journal.interviewer_names(ctx, s.app_id)
    assert names == ["Dana Smith", "Lee Wong"]
    template = prompt_template(names)
    headings = [line for line in template.splitlines() if line.startswith("## ")]
    assert headings[:3] == [
        "## Who I met",
        "## What did you talk about with Dana Smith?",
        "## What did you talk about with Lee Wong?",
    ]
    # Untouched, the questions set nothing.
    assert topics_in(clean_entry(template)) == {}


def test_answers_become_topics_on_the_interview_and_drafts_name_them(ctx: Context) -> None:
    s = interviewed(ctx)
    body = answered(
        prompt_template(journal.interviewer_names(ctx, s.app_id)),
        "Dana Smith",
        "- the robot fleet's telemetry\n- on-call rotas; hiring plans",
    )
    body = answered(body, "Lee Wong", "* the Rust rewrite.")
    body += "\nShe walked me through the roadmap and I loved it.\n"
    entry = journal.add_entry(ctx, NewJournalEntry(s.app_id, body))
    meeting = interviews.show_interview(ctx, s.interview_id).interview
    assert meeting.topics_with(s.dana_id) == (
        "the robot fleet's telemetry",
        "on-call rotas",
        "hiring plans",
    )
    assert meeting.topics_with(s.lee_id) == ("the Rust rewrite",)
    assert "She walked me through the roadmap" in entry.body  # the notes stay notes
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    cards = [t for t in tasks.list_tasks(ctx) if t.kind is Kind.THANK_YOU_CARD]
    lee = next(tasks.show_task(ctx, t.id).draft or "" for t in cards if t.person == "Lee Wong")
    assert "the Rust rewrite" in lee
    for task in cards:
        draft = tasks.show_task(ctx, task.id).draft or ""
        assert "walked me through" not in draft and "loved it" not in draft


def test_the_topics_go_on_the_interview_the_entry_is_about_else_the_latest(ctx: Context) -> None:
    s = interviewed(ctx)
    second = interviews.add_interview(
        ctx, NewInterview(s.app_id, date(2026, 11, 14), interviewer_ids=(s.dana_id,))
    ).interview
    body = "## What did you talk about with dana smith?\nthe hiring plan\n"
    journal.add_entry(ctx, NewJournalEntry(s.app_id, body))
    assert interviews.show_interview(ctx, second.id).interview.topics_with(s.dana_id) == (
        "the hiring plan",
    )
    first = journal.add_entry(ctx, NewJournalEntry(s.app_id, body, interview_id=s.interview_id))
    assert interviews.show_interview(ctx, s.interview_id).interview.topics_with(s.dana_id) == (
        "the hiring plan",
    )
    # Editing the entry's answer replaces that person's topics there.
    edited = "## What did you talk about with Dana Smith?\nthe lab tour\n"
    journal.edit_entry(ctx, first.id, JournalEntryChanges(body=edited))
    assert interviews.show_interview(ctx, s.interview_id).interview.topics_with(s.dana_id) == (
        "the lab tour",
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            "We talked about the fleet for an hour. Then she showed me the lab.",
            "what you talked about with Dana Smith reads as sentences",
        ),
        ("x" * 80, "under Dana Smith: the topic"),
        ("\n".join(f"topic {n}" for n in range(7)), "7 topics for Dana Smith; keep the 5"),
    ],
)
def test_a_paragraph_or_too_many_topics_is_refused_and_nothing_is_written(
    ctx: Context, answer: str, message: str
) -> None:
    s = interviewed(ctx)
    before = fingerprint(ctx.db)
    with pytest.raises(InvalidInput) as caught:
        journal.add_entry(
            ctx, NewJournalEntry(s.app_id, f"## What did you talk about with Dana Smith?\n{answer}")
        )
    assert message in caught.value.message
    assert caught.value.fields.keys() == {"body"}
    assert fingerprint(ctx.db) == before


def test_a_question_about_someone_who_did_not_interview_is_refused(ctx: Context) -> None:
    s = interviewed(ctx)
    with pytest.raises(InvalidInput) as caught:
        journal.add_entry(
            ctx, NewJournalEntry(s.app_id, "## What did you talk about with Pat Doe?\nthe weather")
        )
    assert caught.value.message.startswith("'Pat Doe' is not among the interviewers of application")
    assert "(Dana Smith, Lee Wong)" in caught.value.message


def test_an_abbreviation_is_not_a_sentence() -> None:
    body = "## What did you talk about with Ana?\nDr. Ng's lab; St. Paul office"
    assert topics_in(body) == {"Ana": ("Dr. Ng's lab", "St. Paul office")}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300))
def test_any_answer_is_topics_or_a_clear_refusal(answer: str) -> None:
    body = f"## What did you talk about with Ana Lima?\n{answer}"
    try:
        found = topics_in(body)
    except InvalidInput as exc:
        assert exc.fields == {"body": exc.message}
        assert "\n" not in exc.message  # one line, whatever was typed
        return
    for topic in found.get("Ana Lima", ()):
        assert 0 < len(topic) <= 60
        assert "\n" not in topic and topic == topic.strip()
