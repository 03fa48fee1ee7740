"""The briefing names the people the user knows at a company once a role opens there again."""

from __future__ import annotations

from datetime import date

from nextround.services import briefings
from nextround.services import watch as watching
from nextround.storage import records
from tests.services.test_since_no import board, job, on, rejected_and_watched, rss, serve

__all__ = ["board"]


def test_a_reopened_role_brings_the_people_known_there(board) -> None:  # type: ignore[no-untyped-def]
    server, ctx = board
    s = rejected_and_watched(server, ctx)
    quiet = briefings.company_briefing(ctx, s.company_id)
    assert quiet.people_you_know == ()  # nothing new since the no: nothing to say
    assert "## You know" not in briefings.render_briefing(quiet, "md")

    with ctx.db.transaction() as c:
        fox = records.insert(
            c,
            "people",
            ctx.owner,
            {"name": "Fox *Mulder*", "organisation": "ACME Robotics Inc.", "source": "linkedin"},
        )
        records.insert(c, "relationships", ctx.owner, {"person_id": fox})
    serve(server, [job(2, "Designer"), job(4, "Backend Engineer")], rss())
    watching.run_watches(on(ctx, date(2027, 1, 10)))

    brief = briefings.company_briefing(ctx, s.company_id)
    assert [p.name for p in brief.people_you_know] == ["Dana Smith", "Lee Wong", "Fox *Mulder*"]
    text = briefings.render_briefing(brief, "md")
    section = text.split("## You know 3 people at Acme Robotics\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- Dana Smith, Engineering Manager (interviewed you on 10 Nov 2026), "
        "last in touch 2026-11-10",
        "- Lee Wong, Staff Engineer (interviewed you on 10 Nov 2026), last in touch 2026-11-10",
        r"- Fox \*Mulder\* (LinkedIn connection)",
    ]
    html = briefings.render_briefing(brief, "html")
    assert "<h2>You know 3 people at Acme Robotics</h2>" in html
    assert "<li>Fox *Mulder* (LinkedIn connection)</li>" in html
