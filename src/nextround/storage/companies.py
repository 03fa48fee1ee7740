"""Companies and their social accounts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from nextround.domain.companies import Company, SocialAccount
from nextround.storage import records, revisions
from nextround.storage.folding import fold
from nextround.storage.paging import EVERYTHING, Column, Order, Window
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date


def add(
    c: Connection, owner: int, values: Mapping[str, object], socials: Iterable[str] = ()
) -> int:
    company_id = records.insert(c, "companies", owner, values)
    for url in dict.fromkeys(socials):
        records.insert(c, "company_socials", owner, {"company_id": company_id, "url": url})
    return company_id


def update(
    c: Connection,
    owner: int,
    company_id: int,
    changes: Mapping[str, object],
    *,
    expected_revision: int | None = None,
) -> bool:
    """Change the company; False if there is none. A stale ``expected_revision`` is a Conflict."""
    expect = None if expected_revision is None else {"revision": expected_revision}
    return records.update(c, "companies", owner, company_id, changes, expect=expect) is not None


def add_social(c: Connection, owner: int, company_id: int, url: str) -> None:
    known = c.row(
        "SELECT 1 FROM company_socials WHERE owner_id = :owner AND company_id = :company AND url = :url",
        {"owner": owner, "company": company_id, "url": url},
    )
    if known is None:
        records.insert(c, "company_socials", owner, {"company_id": company_id, "url": url})


def mark_followed(c: Connection, owner: int, company_id: int, day: date) -> None:
    records.update_where(
        c,
        "company_socials",
        owner,
        "company_id = :company AND followed_on IS NULL",
        {"company": company_id},
        {"followed_on": day},
    )


def set_followed(
    c: Connection, owner: int, company_id: int, urls: Iterable[str], day: date
) -> None:
    """Accounts in ``urls`` are followed (since ``day`` unless already); the others are not."""
    chosen = list(dict.fromkeys(urls))
    listed, params = in_list("u", chosen)
    params["company"] = company_id
    records.update_where(
        c,
        "company_socials",
        owner,
        f"company_id = :company AND url IN {listed} AND followed_on IS NULL",
        params,
        {"followed_on": day},
    )
    records.update_where(
        c,
        "company_socials",
        owner,
        # NOT IN (NULL) matches nothing: with no account chosen, every one is unfollowed.
        f"company_id = :company AND {f'url NOT IN {listed} AND ' if chosen else ''}"
        "followed_on IS NOT NULL",
        params,
        {"followed_on": None},
    )


def counts(
    c: Connection, owner: int, ids: Iterable[int] | None = None
) -> dict[int, tuple[int, int]]:
    """(applications, people) of each of these companies (of all, if None), in one query."""
    listed, params = in_list("i", ids) if ids is not None else ("", {})
    only = f"AND co.id IN {listed}" if ids is not None else ""
    rows = c.rows(
        "SELECT co.id, "
        "(SELECT COUNT(*) FROM applications a WHERE a.company_id = co.id), "
        "(SELECT COUNT(*) FROM people p WHERE p.company_id = co.id) "
        f"FROM companies co WHERE co.owner_id = :owner {only}",
        {**params, "owner": owner},
    )
    return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}


def get(c: Connection, owner: int, company_id: int) -> Company | None:
    found = _load(c, owner, "id = :id", {"id": company_id})
    return found[0] if found else None


def get_many(c: Connection, owner: int, ids: Iterable[int]) -> list[Company]:
    """The companies with these ids, in the order given."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    listed, params = in_list("i", wanted)
    found = {co.id: co for co in _load(c, owner, f"id IN {listed}", params)}
    return [found[i] for i in wanted if i in found]


#: The order of the list of companies: by name, folded as :func:`nextround.storage.folding.order` sorts it.
ORDER = Order(
    Column("nr_fold(name)", "name", str, binary=True, derive=lambda n: fold(str(n))),
    Column("name", "name", str, binary=True),
    Column("id", "id", int),
)


def list_all(c: Connection, owner: int, window: Window = EVERYTHING) -> list[Company]:
    """By name; a limited ``window`` reads one row more (see :mod:`nextround.storage.paging`)."""
    return _load(c, owner, "1 = 1", {}, window)


def all_names(c: Connection, owner: int) -> list[tuple[int, str]]:
    """(id, name) of every company, for lookups that fold case the way people read names."""
    rows = c.rows(
        "SELECT id, name FROM companies WHERE owner_id = :owner ORDER BY id", {"owner": owner}
    )
    return [(int(r[0]), str(r[1])) for r in rows]


def all_sites(c: Connection, owner: int) -> list[tuple[int, str, str | None]]:
    """(id, name, website) of every company, for finding duplicates."""
    rows = c.rows(
        "SELECT id, name, website FROM companies WHERE owner_id = :owner ORDER BY id",
        {"owner": owner},
    )
    return [(int(r[0]), str(r[1]), r[2]) for r in rows]


def _load(
    c: Connection,
    owner: int,
    where: str,
    params: Mapping[str, object],
    window: Window = EVERYTHING,
) -> list[Company]:
    select = "SELECT * FROM companies WHERE owner_id = :owner"
    rows = ORDER.rows(c, select, where, {**params, "owner": owner}, window)
    socials = _socials(c, owner, [r["id"] for r in rows])
    return [_company(r, socials.get(r["id"], ())) for r in rows]


def _company(r: Row, socials: Sequence[SocialAccount]) -> Company:
    return Company(
        id=r["id"],
        name=r["name"],
        website=r["website"],
        address=r["address"],
        careers_url=r["careers_url"],
        notes=r["notes"],
        socials=tuple(socials),
        revision=r["revision"],
    )


def _socials(c: Connection, owner: int, ids: Sequence[int]) -> dict[int, list[SocialAccount]]:
    found: dict[int, list[SocialAccount]] = {}
    if not ids:
        return found
    listed, params = in_list("i", ids)
    rows = c.rows(
        f"SELECT company_id, url, followed_on FROM company_socials "
        f"WHERE owner_id = :owner AND company_id IN {listed} ORDER BY id",
        {**params, "owner": owner},
    )
    for row in rows:
        found.setdefault(row[0], []).append(SocialAccount(row[1], as_date(row[2])))
    return found


def dependents(c: Connection, owner: int, company_id: int) -> tuple[int, int]:
    """How many applications and people still belong to the company."""
    params = {"owner": owner, "company": company_id}
    apps = records.count(c, "applications", owner, "company_id = :company", params)
    folks = records.count(c, "people", owner, "company_id = :company", params)
    return apps, folks


def delete(c: Connection, owner: int, company_id: int) -> None:
    """Delete the company row with its accounts and its own steps.

    The caller moves or removes its applications and people first: deleting a
    company never silently takes them.
    """
    params = {"company": company_id}
    revisions.delete_of(
        c, owner, "draft", "SELECT id FROM tasks WHERE company_id = :company", params
    )
    records.delete_where(c, "tasks", owner, "company_id = :company", params)
    records.update_where(
        c, "mail_suggestions", owner, "company_id = :company", params, {"company_id": None}
    )
    records.delete_where(c, "company_socials", owner, "company_id = :company", params)
    records.delete(c, "companies", owner, company_id)


def move_dependents(c: Connection, owner: int, from_id: int, to_id: int) -> None:
    """Everything that belongs to one company, moved to another (a merge)."""
    params = {"from": from_id}
    for table in ("applications", "people", "tasks", "mail_suggestions"):
        records.update_where(c, table, owner, "company_id = :from", params, {"company_id": to_id})
    known = {s.url for s in _socials(c, owner, [to_id]).get(to_id, [])}
    for social in _socials(c, owner, [from_id]).get(from_id, []):
        if social.url not in known:
            records.insert(
                c,
                "company_socials",
                owner,
                {"company_id": to_id, "url": social.url, "followed_on": social.followed_on},
            )
