"""The company page names the people the user knows there, from any source."""

from __future__ import annotations

import html
from datetime import date

from nextround.services.context import Context
from nextround.storage import records
from tests.web.conftest import Browser
from tests.web.querycount import statements
from tests.web.scenario import company, ctx_of, person


def contact(ctx: Context, name: str, organisation: str, connected_on: date | None = None) -> int:
    with ctx.db.transaction() as c:
        person_id = records.insert(
            c,
            "people",
            ctx.owner,
            {"name": name, "organisation": organisation, "source": "linkedin"},
        )
        records.insert(
            c, "relationships", ctx.owner, {"person_id": person_id, "connected_on": connected_on}
        )
    return person_id


def test_the_page_lists_them_with_how_and_when(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics", website="acme.example")
    person(ctx, "Dana Smith", acme, email="dana@acme.example")
    fox = contact(ctx, "Fox <Mulder>", "ACME Robotics GmbH", date(2026, 2, 8))
    contact(ctx, "Not Here", "Acme Robotics Labs")
    page = client.load(f"/companies/{acme}")
    known = page.split('id="people-you-know"')[1].split("</section>")[0]
    assert "You know 2 people at Acme Robotics" in known
    assert f'<a href="/people/{fox}">Fox &lt;Mulder&gt;</a>' in known  # escaped
    assert "LinkedIn connection since 8 Feb 2026" in known
    assert "last in touch Sun 8 Feb" in known  # this year: weekday, day and month
    assert "you met them there" in known
    assert "Not Here" not in page


def test_no_one_known_says_how_they_would_show_up(client: Browser) -> None:
    acme = company(ctx_of(client), "Initech")
    page = html.unescape(client.load(f"/companies/{acme}"))
    assert "No one you know works here yet" in page


def test_many_known_fold_away_and_the_queries_stay_the_same(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme")
    for i in range(3):
        contact(ctx, f"Person {i:02}", "Acme Inc.")
    few = statements(client, f"/companies/{acme}")
    for i in range(3, 30):
        contact(ctx, f"Person {i:02}", "ACME")
    assert statements(client, f"/companies/{acme}") == few
    page = client.load(f"/companies/{acme}")
    assert "You know 30 people at Acme" in page
    assert "<summary>And 18 more</summary>" in page
