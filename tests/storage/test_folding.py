"""Search folds case and accents, and names sort, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from nextround.config import Settings
from nextround.domain.applications import NewApplication
from nextround.domain.companies import NewCompany
from nextround.domain.journal import NewJournalEntry
from nextround.domain.people import NewPerson
from nextround.domain.watch import NewWatch
from nextround.services import applications, companies, journal, people, search, watch
from nextround.services.context import Context, open_context
from nextround.storage.folding import TABLE, fold
from tests.conftest import TODAY
from tests.pgcluster import drop_database, new_database

#: Names whose order a database's locale would decide differently.
NAMES = (
    "Dela Rosa",
    "de la Cruz",
    "Delacroix",
    "Élodie Vidal",
    "elodie Blanc",
    "Eloise Martin",
    "van Dijk",
    "Van Buren",
    "Zoë Ångström",
    "zoe Adams",
    "Øyvind Berg",
    "Łukasz Nowak",
    "Ørsted",
    "Oscar Quist",
    "Straßer",
    "Strasser",
)


def test_fold_lower_cases_and_drops_accents() -> None:
    assert fold("Élodie MÜLLER") == "elodie muller"
    assert (
        fold("Straße, Ærø, Łódź, Nguyễn, ΑΘΗΝΑ, Москва")
        == "strasse, aero, lodz, nguyen, αθηνα, москва"
    )
    assert fold("cafe\u0301") == "cafe"  # a decomposed accent
    assert fold("漢字 123 _%") == "漢字 123 _%"


def test_the_databases_fold_every_letter_alike(ctx: Context) -> None:
    letters = "".join(chr(point) for point in TABLE)
    with ctx.db.read() as c:
        assert c.scalar("SELECT nr_fold(:t)", {"t": letters}) == fold(letters)
        assert c.scalar("SELECT nr_fold(:t)", {"t": "Ǣ ẞ Æ"}) == "ae ss ae"
        assert c.scalar("SELECT nr_fold(NULL)") is None


def _company(ctx: Context, name: str, notes: str = "") -> int:
    return companies.add_company(ctx, NewCompany(name, notes=notes), allow_duplicate=True).id


def test_every_search_finds_accented_text_without_accents_and_back(ctx: Context) -> None:
    cafe = _company(ctx, "Café Müller", notes="Pâtisserie près de la GARE")
    zoe = people.add_person(
        ctx, NewPerson("Zoë Ångström", cafe, title="Directrice générale", notes="Parle de l'ÉCOLE")
    ).id
    app = applications.add_application(ctx, NewApplication("Ingénieur logiciel", cafe)).application
    entry = journal.add_entry(ctx, NewJournalEntry(app.id, "Rencontre au café; la façade rénovée"))
    plain = _company(ctx, "Cafe Plain")

    found = search.search_all(ctx, "cafe muller")
    assert [c.id for c in found.companies] == [cafe]
    assert [c.id for c in search.search_all(ctx, "CAFÉ").companies] == [cafe, plain]
    assert [p.id for p in search.search_all(ctx, "zoe angstrom").people] == [zoe]
    assert [p.id for p in search.search_all(ctx, "GENERALE").people] == [zoe]
    assert [p.id for p in search.search_all(ctx, "ecole").people] == [zoe]  # notes: full text
    assert [a.id for a in search.search_all(ctx, "ingenieur").applications] == [app.id]
    assert [c.id for c in search.search_all(ctx, "patisserie pres").companies] == [cafe]
    assert [h.entry.id for h in search.search_all(ctx, "Facade renovee").journal] == [entry.id]

    hits = journal.search(ctx, "cafe facade")
    assert [h.entry.id for h in hits.entries] == [entry.id]
    assert [p.id for p in journal.search(ctx, "école").people] == [zoe]
    assert journal.search(ctx, "cafeteria").entries == []


#: Companies may not share a name as people may ("Straßer" is "Strasser").
COMPANIES = tuple(n for n in NAMES if n != "Strasser")


def _listed(ctx: Context) -> tuple[list[str], list[str]]:
    home = _company(ctx, "Home")
    for name in NAMES:
        people.add_person(ctx, NewPerson(name, home), allow_duplicate=True)
    for name in COMPANIES:
        _company(ctx, name)
    listed_people = [row.person.name for row in people.list_people(ctx)]
    listed_companies = [row.company.name for row in companies.list_companies(ctx)]
    listed_companies.remove("Home")
    return listed_people, listed_companies


def _by_folded_name(names: tuple[str, ...]) -> list[str]:
    return sorted(names, key=lambda name: (fold(name).encode(), name.encode()))


def test_names_sort_by_their_folded_text(ctx: Context) -> None:
    expected = _by_folded_name(NAMES)
    assert expected[:3] == ["de la Cruz", "Dela Rosa", "Delacroix"]
    assert expected.index("Straßer") == expected.index("Strasser") + 1  # ties: as written
    assert _listed(ctx) == (expected, _by_folded_name(COMPANIES))


@pytest.fixture
def icu_url(postgres_admin_url: str) -> Iterator[str]:
    """A PostgreSQL database whose own collation (ICU, English) sorts unlike SQLite."""
    url = new_database(postgres_admin_url)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name}")
        admin.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu "
            "ICU_LOCALE 'en-US' LOCALE 'C'"
        )
    try:
        yield url
    finally:
        drop_database(postgres_admin_url, url)


@pytest.mark.postgres
def test_lists_sort_identically_on_sqlite_and_on_a_postgresql_with_its_own_collation(
    icu_url: str, tmp_path: Path
) -> None:
    with psycopg.connect(icu_url) as check:  # the server's own order differs from SQLite's
        rows = check.execute(
            "SELECT n FROM unnest(%s::text[]) n ORDER BY n", (list(NAMES),)
        ).fetchall()
        assert [r[0] for r in rows] != sorted(NAMES)
    lists = []
    for url in (str(tmp_path / "nextround.db"), icu_url):
        ctx = open_context(Settings(db_url=url, today=TODAY))
        try:
            lists.append(_listed(ctx))
        finally:
            ctx.close()
    assert lists[0] == lists[1]
    assert lists[0][0][:3] == ["de la Cruz", "Dela Rosa", "Delacroix"]


def test_watched_companies_list_by_folded_name(ctx: Context) -> None:
    names = ("Zürich Labs", "acme", "Ärzte Digital", "Beta", "de la Mar", "Dela")
    for i, name in enumerate(names):
        company = _company(ctx, name)
        watch.add_watch(ctx, NewWatch(company, board=f"boards.greenhouse.io/co{i}"))
    listed = [w.company for w in watch.list_watches(ctx)]
    assert listed == ["acme", "Ärzte Digital", "Beta", "de la Mar", "Dela", "Zürich Labs"]
