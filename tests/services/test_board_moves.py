"""The board moved by hand: between columns, within one, and two tabs moving one card."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.domain.applications import NewApplication, Status
from nextround.domain.companies import NewCompany
from nextround.errors import Conflict
from nextround.services import applications, companies, history
from nextround.services.board import Drop, move_card
from nextround.services.context import Context


def _add(ctx: Context, role: str, status: Status, day: int) -> int:
    acme = companies.company_names(ctx)
    company_id = (
        companies.add_company(ctx, NewCompany("Acme")).id
        if not acme
        else companies.list_companies(ctx)[0].company.id
    )
    new = NewApplication(role, company_id=company_id, status=status, applied_on=date(2026, 11, day))
    return applications.add_application(ctx, new).application.id


def _column(ctx: Context, status: Status) -> list[str]:
    (col,) = applications.board(ctx, status)
    return [a.role for a in col.applications]


def test_cards_keep_the_order_set_by_hand(ctx: Context) -> None:
    a = _add(ctx, "A", Status.APPLIED, 1)
    b = _add(ctx, "B", Status.APPLIED, 2)
    c = _add(ctx, "C", Status.APPLIED, 3)
    assert _column(ctx, Status.APPLIED) == ["C", "B", "A"]  # newest first until placed
    move_card(ctx, a, Drop(Status.APPLIED, Status.APPLIED, before=c))
    assert _column(ctx, Status.APPLIED) == ["A", "C", "B"]
    move_card(ctx, a, Drop(Status.APPLIED, Status.APPLIED, before=None))
    assert _column(ctx, Status.APPLIED) == ["C", "B", "A"]
    move_card(ctx, b, Drop(Status.APPLIED, Status.APPLIED, before=b))  # dropped where it was
    assert _column(ctx, Status.APPLIED) == ["C", "B", "A"]
    # A new card, never placed, comes on top of the column.
    _add(ctx, "D", Status.APPLIED, 4)
    assert _column(ctx, Status.APPLIED) == ["D", "C", "B", "A"]


def test_a_card_moved_to_another_column_lands_where_dropped(ctx: Context) -> None:
    a = _add(ctx, "A", Status.APPLIED, 1)
    s1 = _add(ctx, "S1", Status.SCREENING, 2)
    _add(ctx, "S2", Status.SCREENING, 3)
    plan = move_card(ctx, a, Drop(Status.SCREENING, Status.APPLIED, before=s1))
    assert plan.application.status is Status.SCREENING
    assert _column(ctx, Status.SCREENING) == ["S2", "A", "S1"]
    assert _column(ctx, Status.APPLIED) == []
    last = applications.show_application(ctx, a).history[-1]
    assert (last.from_status, last.to_status) == ("applied", "screening")
    # Moved back by the plain status move (CLI, menu): on top of its new column.
    move_card(ctx, s1, Drop(Status.SCREENING, Status.SCREENING, before=None))
    applications.set_status(ctx, a, Status.APPLIED)
    applications.set_status(ctx, a, Status.SCREENING)
    assert _column(ctx, Status.SCREENING)[0] == "A"


def test_a_second_tab_moving_the_same_card_gets_a_conflict(ctx: Context) -> None:
    a = _add(ctx, "A", Status.APPLIED, 1)
    move_card(ctx, a, Drop(Status.INTERVIEWING, Status.APPLIED))
    with pytest.raises(Conflict, match="moved to Interviewing elsewhere meanwhile"):
        move_card(ctx, a, Drop(Status.OFFER, Status.APPLIED))
    assert applications.show_application(ctx, a).application.status is Status.INTERVIEWING


def test_a_drop_on_rejected_plans_the_follow_up_and_undoes_in_one_step(ctx: Context) -> None:
    a = _add(ctx, "A", Status.INTERVIEWING, 1)
    plan = move_card(ctx, a, Drop(Status.REJECTED, Status.INTERVIEWING))
    assert plan.application.status is Status.REJECTED
    assert plan.application.rejected_on == ctx.today
    assert plan.tasks  # the follow-up is planned
    history.undo(ctx)
    assert applications.show_application(ctx, a).application.status is Status.INTERVIEWING
    assert _column(ctx, Status.REJECTED) == []
