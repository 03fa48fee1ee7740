"""Progress: the funnel as SVG with a table beside it, and the relationships built."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from nextround.domain.applications import Status
from nextround.domain.people import ConnectAnswer
from nextround.renderers.charts import Flow, Node, sankey
from nextround.services import applications, people, progress
from tests.web.conftest import Browser
from tests.web.scenario import application, company, ctx_of, interview, person

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(page: str) -> ET.Element:
    start, end = page.index("<svg"), page.index("</svg>") + len("</svg>")
    return ET.fromstring(page[start:end])


def test_an_empty_search_has_a_kind_empty_state(client: Browser) -> None:
    page = client.load("/progress")
    assert "Nothing sent yet" in page
    assert "A rejection counts as progress here" in page
    assert "<svg" not in page


def test_the_funnel_counts_each_application_along_its_path() -> None:
    found = progress.funnel(
        [
            (Status.APPLIED, True, False, 3),  # waiting
            (Status.REJECTED, True, False, 1),  # heard back, a no
            (Status.REJECTED, True, True, 2),  # interviewed, then a no
            (Status.OFFER, True, True, 1),
            (Status.GHOSTED, True, False, 1),
            (Status.SAVED, False, False, 4),  # not sent yet
        ]
    )
    assert (found.applied, found.replied, found.interviewed, found.saved) == (8, 4, 3, 4)
    assert found.outcomes == {"offer": 1, "rejected": 3, "waiting": 3, "ghosted": 1}


def test_the_page_draws_a_parseable_svg_with_a_table(client: Browser) -> None:
    ctx = ctx_of(client)
    evil = company(ctx, "<script>alert(1)</script>")
    dana = person(ctx, "Dana", evil)
    app_id = application(ctx, evil, "<b>Role</b>", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 1), dana)
    applications.reject(ctx, app_id)
    page = client.load("/progress")
    svg = svg_of(page)
    assert svg.get("role") == "img" and svg.get("aria-label")
    assert svg.find(f"{SVG}title") is not None
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Applied (1)" in labels and "Rejected (1)" in labels
    assert "<script>" not in page
    assert "<td>Interviewed</td><td>Rejected</td><td>1</td>" in page
    assert "How these are counted" in page


def test_the_renderer_escapes_labels_and_stays_valid_xml() -> None:
    nodes = [Node("a", "<script>&", 0), Node("b", 'He said "no"', 1)]
    svg = sankey(nodes, [Flow("a", "b", 2)], title="<t>", description="a & b")
    root = ET.fromstring(svg)
    assert [t.text for t in root.iter(f"{SVG}text")] == ["<script>& (2)", 'He said "no" (2)']
    assert "<script>" not in svg
    assert root.get("aria-label") == "<t>"


def test_the_relationships_built_are_counted(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme")
    dana = person(ctx, "Dana", acme, email="dana@acme.example")
    app_id = application(ctx, acme, "Engineer", date(2026, 10, 1))
    interview(ctx, app_id, date(2026, 11, 1), dana)
    applications.reject(ctx, app_id)
    people.record_reply(ctx, dana, ConnectAnswer.YES)
    found = progress.progress(ctx).relationships
    assert (found.said_yes, found.cards, found.connected) == (1, 0, 0)
    page = client.load("/progress")
    assert "said yes to connecting" in page


def test_progress_runs_a_fixed_number_of_queries(client: Browser) -> None:
    from tests.web.querycount import statements

    ctx = ctx_of(client)
    acme = company(ctx, "Acme")
    for i in range(3):
        application(ctx, acme, f"R{i}", date(2026, 10, 1))
    few = statements(client, "/progress")
    for i in range(3, 30):
        application(ctx, acme, f"R{i}", date(2026, 10, 1))
    assert statements(client, "/progress") == few
