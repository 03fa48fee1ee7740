"""The Progress page's charts over time and rates, each with its numbers as a table."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from nextround.services import applications
from tests.web.conftest import Browser
from tests.web.scenario import application, company, ctx_of, interview, person


def test_each_chart_comes_with_its_table(client: Browser) -> None:
    ctx = ctx_of(client)
    acme = company(ctx, "Acme Robotics")
    dana = person(ctx, "Dana Smith", acme)
    app_id = application(ctx, acme, "Backend Engineer", date(2026, 11, 2))
    interview(ctx, app_id, date(2026, 11, 10), dana)
    applications.reject(ctx, app_id, on=date(2026, 11, 20))
    application(ctx, acme, "Data Engineer", date(2026, 11, 24))
    page = client.load("/progress")
    for heading in ("Week by week", "How often applications moved on"):
        assert heading in page
    svgs = [page[i : page.index("</svg>", i) + 6] for i in _starts(page, "<svg")]
    assert len(svgs) == 4  # the funnel twice (wide, narrow), the weeks, the rates
    for svg in svgs:
        ET.fromstring(svg)  # well-formed
    assert page.count("<table") == 3  # funnel, weeks, rates; no relationships yet
    assert '<time datetime="2026-11-23">23 Nov</time>' in page  # this week, by its Monday
    assert "2 applications sent, 1 heard back (50%)" in page
    assert "<td>1 of 2</td><td>50%</td>" in page


def _starts(page: str, what: str) -> list[int]:
    found, at = [], page.find(what)
    while at != -1:
        found.append(at)
        at = page.find(what, at + 1)
    return found
