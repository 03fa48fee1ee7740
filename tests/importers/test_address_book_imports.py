"""Google Contacts and vCard files through the import service: plan, one transaction, twice is once."""

from __future__ import annotations

import io

import pytest

from nextround.domain.imports import Outcome
from nextround.importers import ImportFailed
from nextround.services.context import Context
from nextround.services.imports import import_file
from nextround.storage import people
from tests.importers.rows import FIXTURES


def _import(ctx: Context, kind: str, name: str, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    with (FIXTURES / name).open("rb") as data:
        return import_file(ctx, kind, data, name=name, dry_run=dry_run)


def _stored(ctx: Context) -> list[tuple[str, str | None, str | None, str | None]]:
    with ctx.db.read() as c:
        return sorted(
            (k.name, k.email, k.organisation, k.address) for k in people.known(c, ctx.owner)
        )


def test_google_csv_dry_run_then_import_then_again(ctx: Context) -> None:
    dry = _import(ctx, "google", "google-current.csv", dry_run=True)
    assert dry.counts == {"created": 3, "matched": 0, "updated": 0, "skipped": 1}
    assert _stored(ctx) == []  # a dry run writes nothing
    done = _import(ctx, "google", "google-current.csv")
    assert [(r.line, r.outcome) for r in done.rows] == [
        (2, Outcome.CREATED),
        (6, Outcome.CREATED),
        (7, Outcome.SKIPPED),
        (8, Outcome.CREATED),
    ]
    assert (
        "Dana Smith",
        "dana@acme.example",
        "Acme Robotics",
        "1 Main St\nSpringfield, IL 62701\nUS",
    ) in _stored(ctx)
    again = _import(ctx, "google", "google-current.csv")
    assert again.counts["created"] == 0 and not again.changed
    assert len(_stored(ctx)) == 3


def test_vcards_and_google_meet_the_same_people(ctx: Context) -> None:
    _import(ctx, "vcard", "contacts-3.0.vcf")
    _import(ctx, "vcard", "contacts-2.1.vcf")
    _import(ctx, "vcard", "contacts-4.0.vcf")
    assert [n for n, *_ in _stored(ctx)] == [
        "Amara Diallo",
        "Dr. Jürgen Müller",
        "Mr. Chidi Anan Okafor Jr.",
        "Zoë Ng",
    ]
    again = _import(ctx, "vcard", "contacts-3.0.vcf")
    assert again.counts == {"created": 0, "matched": 2, "updated": 0, "skipped": 1}
    skipped = next(r for r in again.rows if r.outcome is Outcome.SKIPPED)
    assert skipped.line == 21 and "no name" in skipped.reason


def test_a_broken_file_writes_nothing(ctx: Context) -> None:
    text = "BEGIN:VCARD\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
    with pytest.raises(ImportFailed, match="no vCard in this file"):
        import_file(ctx, "vcard", io.BytesIO(b"not a vcard"), name="x.vcf")
    with pytest.raises(ImportFailed, match="not a Google Contacts CSV"):
        import_file(ctx, "google", io.BytesIO(text.encode()), name="x.csv")
    assert _stored(ctx) == []


def test_work_addresses_fill_offices_without_one(ctx: Context) -> None:
    from nextround.domain.companies import NewCompany
    from nextround.services.companies import add_company
    from nextround.storage import companies

    acme = add_company(ctx, NewCompany(name="ACME Robotics")).id
    globex = add_company(ctx, NewCompany(name="Globex", address="1 Globex Way")).id
    meta = add_company(ctx, NewCompany(name="Acme")).id  # a part of a name is never a match

    def addresses() -> list[str | None]:
        with ctx.db.read() as c:
            return [companies.get(c, ctx.owner, i).address for i in (acme, globex, meta)]  # type: ignore[union-attr]

    dry = _import(ctx, "vcard", "contacts-3.0.vcf", dry_run=True)
    (office,) = [r for r in dry.rows if r.kind == "office"]
    assert (office.line, office.outcome, office.name) == (1, Outcome.UPDATED, "ACME Robotics")
    assert office.reason == "the office's address, from Zoë Ng's work address"
    assert addresses() == [None, "1 Globex Way", None]
    _import(ctx, "vcard", "contacts-3.0.vcf")
    _import(ctx, "vcard", "contacts-4.0.vcf")  # Globex's address is kept, not replaced
    assert addresses() == [
        "1 Main St\nSuite 400\nSpringfield, IL 62701\nUnited States",
        "1 Globex Way",
        None,
    ]
    again = _import(ctx, "vcard", "contacts-3.0.vcf")
    assert [r for r in again.rows if r.kind == "office"] == []
