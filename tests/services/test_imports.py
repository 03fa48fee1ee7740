"""Importing LinkedIn exports: the plan, the real run in one transaction, twice, and the steps."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from nextround.domain.companies import NewCompany
from nextround.domain.people import ConnectAnswer, NewPerson, PersonChanges
from nextround.domain.tasks import Kind, TaskStatus
from nextround.errors import InvalidInput
from nextround.services import applications, backup, companies, exports, imports, people, tasks
from nextround.services.context import Context
from nextround.services.imports import ImportReport
from tests.services.scenario import interviewed
from tests.tables import fingerprint

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures" / "linkedin"


def _run(
    ctx: Context, name: str, *, dry_run: bool = False, data: bytes | None = None
) -> ImportReport:
    raw = data if data is not None else (FIXTURES / name).read_bytes()
    return imports.import_file(ctx, "linkedin", io.BytesIO(raw), name=name, dry_run=dry_run)


def _outcomes(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(r.line, r.outcome.value, r.name) for r in report.rows]


def test_a_dry_run_plans_every_row_and_writes_nothing(ctx: Context) -> None:
    before = fingerprint(ctx.db)
    report = _run(ctx, "Connections.csv", dry_run=True)
    assert _outcomes(report) == [
        (5, "created", "Ada Lovelace"),
        (6, "created", "Zoë Müller"),
        (7, "skipped", ""),
        (8, "created", "Grace Hopper"),
        (9, "created", "Dana Smith"),
    ]
    assert report.counts == {"created": 4, "matched": 0, "updated": 0, "skipped": 1}
    assert "left LinkedIn" in report.rows[2].reason
    assert report.dry_run and report.change_id is None
    assert fingerprint(ctx.db) == before


def test_imported_connections_are_people_without_a_company(ctx: Context) -> None:
    report = _run(ctx, "Connections.csv")
    assert report.change_id is not None
    found = {r.person.name: r.person for r in people.list_people(ctx, source="linkedin")}
    assert set(found) == {"Ada Lovelace", "Zoë Müller", "Grace Hopper", "Dana Smith"}
    ada = found["Ada Lovelace"]
    assert ada.company_id is None
    assert ada.company == ada.organisation == "Analytical Engines Ltd"
    assert ada.title == "Head of Engineering, Platform"
    assert found["Zoë Müller"].email == "zoe@example.org"
    assert companies.list_companies(ctx) == []
    view = people.show_person(ctx, ada.id)
    assert view.relationship.connected_on == date(2026, 2, 8)
    assert people.list_people(ctx, source="manual") == []


def test_importing_the_same_file_twice_changes_nothing_the_second_time(ctx: Context) -> None:
    _run(ctx, "Connections.csv")
    after_first = fingerprint(ctx.db)
    again = _run(ctx, "Connections.csv")
    assert again.counts == {"created": 0, "matched": 4, "updated": 0, "skipped": 1}
    assert again.change_id is None
    assert fingerprint(ctx.db) == after_first


def test_the_older_layout_matches_by_email_and_by_name_and_company(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Difference Ltd"))
    people.add_person(ctx, NewPerson("Charles Babbage", acme.id))
    people.add_person(ctx, NewPerson("Hugo Kim", acme.id, email="HUGO@example.com"))
    report = _run(ctx, "Connections-2018.csv")
    assert [(r.outcome.value, r.name) for r in report.rows] == [
        ("created", "Ada Lovelace"),
        ("updated", "Charles Babbage"),
        ("updated", "Hugo Kim"),
    ]
    assert "the same name and company" in report.rows[1].reason
    assert "the same email" in report.rows[2].reason
    charles = next(r.person for r in people.list_people(ctx) if r.person.name == "Charles Babbage")
    assert charles.title == "Founder" and charles.company_id == acme.id
    assert charles.source == "manual"  # matched, not taken over
    rel = people.show_person(ctx, charles.id).relationship
    assert rel.connected_on == date(2017, 12, 24)


def test_a_first_name_alone_or_a_part_of_a_name_never_matches(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Metabase"))
    people.add_person(ctx, NewPerson("Dana Smithson", acme.id))
    people.add_person(ctx, NewPerson("Dana Jones", acme.id))
    meta = companies.add_company(ctx, NewCompany("Meta"))
    people.add_person(ctx, NewPerson("Dana Smith", meta.id))
    report = _run(ctx, "Connections.csv")
    dana = next(r for r in report.rows if r.name == "Dana Smith")
    assert dana.outcome.value == "created"


def test_a_name_written_another_way_at_the_same_company_matches(ctx: Context) -> None:
    acme = companies.add_company(ctx, NewCompany("Metabase, Inc."))
    known = people.add_person(ctx, NewPerson("Dr. Dana Smith", acme.id))
    report = _run(ctx, "Connections.csv")
    dana = next(r for r in report.rows if r.name == "Dana Smith")
    assert (dana.outcome.value, dana.person_id) == ("updated", known.id)


def test_a_row_repeated_in_the_file_makes_one_person(ctx: Context) -> None:
    raw = (FIXTURES / "Connections.csv").read_bytes()
    repeated = raw + b"Ada,Lovelace,https://linkedin.com/in/Ada-Lovelace/?trk=x,,,,09 Feb 2026\r\n"
    report = _run(ctx, "Connections.csv", data=repeated)
    last = report.rows[-1]
    assert (last.outcome.value, last.line) == ("skipped", 10)
    assert "the same person as line 5" in last.reason
    assert len(people.list_people(ctx)) == 4


def _invite_step(ctx: Context) -> tuple[int, int]:
    """Dana said yes to connecting: an open "send a LinkedIn invitation" step."""
    s = interviewed(ctx)
    applications.reject(ctx, s.app_id, date(2026, 11, 20))
    people.record_reply(ctx, s.dana_id, ConnectAnswer.YES)
    step = next(
        t
        for t in tasks.list_tasks(ctx)
        if t.kind is Kind.LINKEDIN_INVITE and t.person_id == s.dana_id
    )
    return s.dana_id, step.id


def _connections_with_dana(url: str, day: str) -> bytes:
    return (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Dana,Smith,{url},,Acme Robotics,Engineering Manager,{day}\n"
    ).encode()


def test_a_connection_finishes_the_planned_invitation_and_marks_them_connected(
    ctx: Context,
) -> None:
    dana_id, step_id = _invite_step(ctx)
    data = _connections_with_dana("https://www.linkedin.com/in/dana-smith-acme", "21 Nov 2026")
    report = _run(ctx, "Connections.csv", data=data)
    row = report.rows[0]
    assert (row.outcome.value, row.person_id) == ("updated", dana_id)
    assert "LinkedIn invitation step done" in row.reason
    step = tasks.show_task(ctx, step_id)
    assert (step.status, step.done_on) == (TaskStatus.DONE, date(2026, 11, 21))
    rel = people.show_person(ctx, dana_id).relationship
    assert rel.connected_on == date(2026, 11, 21)
    assert rel.invited_on == date(2026, 11, 21)
    dana = people.show_person(ctx, dana_id).person
    assert dana.linkedin_url == "https://www.linkedin.com/in/dana-smith-acme"
    assert _run(ctx, "Connections.csv", data=data).counts["matched"] == 1


def test_an_outgoing_invitation_marks_the_planned_step_sent(ctx: Context) -> None:
    dana_id, step_id = _invite_step(ctx)
    people.edit_person(
        ctx, dana_id, PersonChanges(linkedin_url="https://www.linkedin.com/in/dana-smith-acme")
    )
    data = (
        b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        b'Jo Seeker,Dana Smith,"11/22/26, 9:00 AM",Hello,OUTGOING,https://www.linkedin.com/in/jo,'
        b"https://www.linkedin.com/in/dana-smith-acme/\n"
        b'Sam,Jo Seeker,"11/22/26, 9:00 AM",,INCOMING,https://www.linkedin.com/in/sam,'
        b"https://www.linkedin.com/in/jo\n"
    )
    report = _run(ctx, "Invitations.csv", data=data)
    assert [r.outcome.value for r in report.rows] == ["updated", "skipped"]
    step = tasks.show_task(ctx, step_id)
    assert (step.status, step.done_on) == (TaskStatus.DONE, date(2026, 11, 22))
    assert people.show_person(ctx, dana_id).relationship.invited_on == date(2026, 11, 22)
    assert people.show_person(ctx, dana_id).relationship.connected_on is None
    again = _run(ctx, "Invitations.csv", data=data)
    assert [r.outcome.value for r in again.rows] == ["matched", "skipped"]


def test_a_failing_row_leaves_the_database_as_it_was(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(ctx, "Connections-2018.csv")
    before = fingerprint(ctx.db)
    real_add = imports.people.add
    calls = []

    def failing_add(c, owner, values, relationship=None):  # type: ignore[no-untyped-def]
        calls.append(values["name"])
        if len(calls) == 3:
            raise InvalidInput("the third row can't be stored")
        return real_add(c, owner, values, relationship)

    monkeypatch.setattr(imports.people, "add", failing_add)
    with pytest.raises(InvalidInput, match="third row"):
        _run(ctx, "Connections.csv")
    assert len(calls) == 3
    assert fingerprint(ctx.db) == before


def test_a_bad_file_is_refused_before_anything_is_written(ctx: Context) -> None:
    before = fingerprint(ctx.db)
    with pytest.raises(InvalidInput, match="no LinkedIn header"):
        _run(ctx, "Connections.csv", data=b"name,email\nAda,ada@example.org\n")
    assert fingerprint(ctx.db) == before


def test_an_unknown_kind_names_the_known_ones(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="choose one of linkedin"):
        imports.import_file(ctx, "myspace", io.BytesIO(b"x"), name="x.csv")


def test_imported_people_go_through_a_backup_and_back(
    ctx: Context, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.services.test_exports import _other_database, _without_stamp

    _run(ctx, "Connections.csv")
    first = exports.export_json(ctx)
    other = _other_database(ctx, tmp_path, request)
    try:
        backup.restore(other, first.data)
        assert _without_stamp(exports.export_json(other).data) == _without_stamp(first.data)
        restored = {r.person.name: r.person for r in people.list_people(other, source="linkedin")}
        assert restored["Ada Lovelace"].company_id is None
        assert restored["Ada Lovelace"].organisation == "Analytical Engines Ltd"
        assert _run(other, "Connections.csv").counts["matched"] == 4
    finally:
        other.close()


def test_merging_an_imported_person_keeps_the_company_and_what_the_import_brought(
    ctx: Context,
) -> None:
    _run(ctx, "Connections.csv")
    imported = next(r.person for r in people.list_people(ctx) if r.person.name == "Ada Lovelace")
    engines = companies.add_company(ctx, NewCompany("Analytical Engines"))
    typed = people.add_person(
        ctx, NewPerson("Ada King", engines.id, email="ada@engines.example"), allow_duplicate=True
    )
    people.merge_people(ctx, typed.id, imported.id)
    ada = people.show_person(ctx, imported.id)
    assert ada.person.company_id == engines.id
    assert ada.person.email == "ada@engines.example"
    assert ada.person.title == "Head of Engineering, Platform"
    assert ada.relationship.connected_on == date(2026, 2, 8)
