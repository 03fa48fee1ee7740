"""Progress over time and rates: weeks from Monday, running totals, shares that agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from nextround.domain.applications import NewApplication, Source
from nextround.domain.tasks import Kind
from nextround.services import applications, progress, tasks
from nextround.services.context import Context
from nextround.services.progress_weeks import (
    WEEKS,
    Rate,
    by_source,
    by_stage,
    first_week,
    monday,
    weekly,
)
from tests.services.scenario import interviewed

TODAY = date(2026, 11, 25)  # a Wednesday


def on(ctx: Context, day: date) -> Context:
    return replace(ctx, settings=replace(ctx.settings, today=day))


def test_weeks_start_on_monday_and_end_with_this_one() -> None:
    assert monday(TODAY) == date(2026, 11, 23)
    assert monday(date(2026, 11, 23)) == date(2026, 11, 23)
    assert monday(date(2026, 11, 29)) == date(2026, 11, 23)  # Sunday
    assert first_week(TODAY) == date(2026, 9, 7)
    weeks = weekly([], {}, TODAY)
    assert len(weeks) == WEEKS
    assert weeks[-1].start == date(2026, 11, 23) and weeks[0].start == first_week(TODAY)


def test_weeks_across_new_year() -> None:
    today = date(2027, 1, 2)  # a Saturday; its week began on Monday 28 December
    days = [("applied", date(2026, 12, 27), 1), ("applied", date(2026, 12, 28), 2)]
    weeks = weekly(days, {}, today)
    assert weeks[-1].start == date(2026, 12, 28) and weeks[-1].applied == 2
    assert weeks[-2].start == date(2026, 12, 21) and weeks[-2].applied == 1
    assert weeks[-1].label == "28 Dec"


def test_days_fold_into_their_weeks_and_totals_run_on() -> None:
    days = [
        ("applied", date(2026, 11, 23), 2),
        ("applied", date(2026, 11, 25), 1),
        ("interviews", date(2026, 11, 16), 1),
        ("done", date(2026, 11, 22), 3),  # Sunday: the week before
        ("cards", date(2026, 11, 17), 2),
        ("connected", date(2026, 11, 24), 1),
        ("applied", date(2026, 1, 5), 9),  # before the first week: left out
    ]
    weeks = weekly(days, {"cards": 4, "connected": 1}, TODAY)
    last, before = weeks[-1], weeks[-2]
    assert (last.applied, last.interviews, last.done) == (3, 0, 0)
    assert (before.applied, before.interviews, before.done) == (0, 1, 3)
    assert weeks[0].cards_so_far == 4 and weeks[0].connected_so_far == 1
    assert (before.cards, before.cards_so_far) == (2, 6)
    assert (last.cards_so_far, last.connected, last.connected_so_far) == (6, 1, 2)
    assert sum(w.applied for w in weeks) == 3


def test_rates_by_stage_and_source_use_the_one_rounding() -> None:
    stages = by_stage(applied=9, replied=8, interviewed=1, offers=0)
    assert [(r.label, r.percent) for r in stages] == [
        ("Heard back", 89),
        ("Interviewed", 13),  # 12.5 rounds up, as everywhere
        ("Offer", 0),
    ]
    assert Rate("x", 0, 0).percent == 0
    sources = by_source({"": (2, 1), "referral": (3, 2), "job_board": (10, 1)})
    assert [(r.label, r.count, r.of) for r in sources] == [
        ("Job board", 1, 10),
        ("Referral", 2, 3),
        ("Not recorded", 1, 2),
    ]


def test_progress_of_a_search_over_time(ctx: Context) -> None:
    s = interviewed(ctx)  # applied 1 Oct, interviewed 10 Nov
    referral = NewApplication("Data Engineer", company_id=s.company_id, source=Source.REFERRAL)
    applications.add_application(ctx, replace(referral, applied_on=date(2026, 11, 24)))
    plan = applications.reject(ctx, s.app_id, on=date(2026, 11, 20))
    card = next(t for t in plan.tasks if t.kind is Kind.THANK_YOU_CARD)
    tasks.mark_done(on(ctx, date(2026, 11, 24)), card.id)
    found = progress.progress(on(ctx, TODAY))
    weeks = {w.start: w for w in found.weeks}
    assert weeks[date(2026, 9, 28)].applied == 1  # 1 Oct
    assert weeks[date(2026, 11, 9)].interviews == 1
    this = weeks[date(2026, 11, 23)]
    assert (this.applied, this.done, this.cards, this.cards_so_far) == (1, 1, 1, 1)
    by = {r.label: (r.count, r.of) for r in found.by_source}
    assert by == {"Referral": (0, 1), "Not recorded": (1, 1)}
    stages = {r.label: (r.count, r.of) for r in found.by_stage}
    assert stages == {"Heard back": (1, 2), "Interviewed": (1, 1), "Offer": (0, 1)}
    for key in ("weeks", "rates", "bonds"):
        svg = str(found.charts[key])
        assert svg.startswith("<svg") and f'id="{key}-desc"' in svg
    assert "Heard back: 50% (1 of 2)" in str(found.charts["rates"])
