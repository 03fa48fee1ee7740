"""Watches and the postings seen on their boards; every write through :mod:`records`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from nextround.domain.watch import (
    Comparison,
    FetchedPosting,
    KnownPosting,
    NewsItem,
    Watch,
    normalise_title,
)
from nextround.storage import records
from nextround.storage.folding import order
from nextround.storage.sql import Connection, Row, in_list
from nextround.storage.values import as_date, must_date

_WATCHES = """
SELECT w.*, c.name AS company_name,
       (SELECT COUNT(*) FROM watch_postings p
         WHERE p.watch_id = w.id AND p.closed_on IS NULL) AS open_postings
  FROM watches w JOIN companies c ON c.id = w.company_id
 WHERE w.owner_id = :owner
"""


def add(c: Connection, owner: int, values: Mapping[str, object]) -> int:
    return records.insert(c, "watches", owner, values)


def update(c: Connection, owner: int, watch_id: int, changes: Mapping[str, object]) -> None:
    records.update(c, "watches", owner, watch_id, changes)


def remove(c: Connection, owner: int, watch_id: int) -> None:
    """The watch and the postings and news it remembers."""
    records.delete_where(c, "watch_postings", owner, "watch_id = :watch", {"watch": watch_id})
    records.delete_where(c, "watch_news", owner, "watch_id = :watch", {"watch": watch_id})
    records.delete(c, "watches", owner, watch_id)


def get(c: Connection, owner: int, watch_id: int) -> Watch | None:
    row = c.row(_WATCHES + " AND w.id = :id", {"owner": owner, "id": watch_id})
    return _watch(row) if row is not None else None


def of_company(c: Connection, owner: int, company_id: int) -> Watch | None:
    row = c.row(_WATCHES + " AND w.company_id = :company", {"owner": owner, "company": company_id})
    return _watch(row) if row is not None else None


def of_companies(c: Connection, owner: int, company_ids: Sequence[int]) -> dict[int, Watch]:
    """The watches of these companies, in one query: company id -> watch (watched ones only)."""
    wanted = list(dict.fromkeys(company_ids))
    if not wanted:
        return {}
    listed, params = in_list("c", wanted)
    rows = c.rows(_WATCHES + f" AND w.company_id IN {listed}", {**params, "owner": owner})
    return {w.company_id: w for w in map(_watch, rows)}


def seen_at(
    c: Connection, owner: int, watch_ids: Sequence[int]
) -> dict[int, tuple[list[KnownPosting], list[NewsItem]]]:
    """The postings and news items of these watches, in two queries: watch id -> both."""
    found: dict[int, tuple[list[KnownPosting], list[NewsItem]]] = {
        i: ([], []) for i in dict.fromkeys(watch_ids)
    }
    if found:
        listed, params = in_list("w", list(found))
        params = {**params, "owner": owner}
        where = f"WHERE owner_id = :owner AND watch_id IN {listed} ORDER BY id"
        for r in c.rows("SELECT * FROM watch_postings " + where, params):
            found[int(r["watch_id"])][0].append(_posting(r))
        for r in c.rows("SELECT * FROM watch_news " + where, params):
            found[int(r["watch_id"])][1].append(_news(r))
    return found


def list_all(c: Connection, owner: int) -> list[Watch]:
    by = order("c.name", c.dialect)  # by company name, the same on both databases
    return [_watch(r) for r in c.rows(f"{_WATCHES} ORDER BY {by}, w.id", {"owner": owner})]


def postings(c: Connection, owner: int, watch_id: int) -> list[KnownPosting]:
    rows = c.rows(
        "SELECT * FROM watch_postings WHERE owner_id = :owner AND watch_id = :watch ORDER BY id",
        {"owner": owner, "watch": watch_id},
    )
    return [_posting(r) for r in rows]


def save_run(
    c: Connection,
    owner: int,
    watch_id: int,
    comparison: Comparison,
    today: date,
    *,
    baseline: bool = False,
) -> None:
    """Write what a run saw: new postings (``baseline`` on a first read), seen again, closed."""
    for posting in comparison.new:
        values = {**_new(watch_id, posting, today), "baseline": baseline}
        records.insert(c, "watch_postings", owner, values)
    _set(c, owner, comparison.still_open + comparison.back, {"last_seen": today, "closed_on": None})
    _set(
        c,
        owner,
        comparison.returned,
        {"last_seen": today, "closed_on": None, "returned_on": today},
    )
    _set(c, owner, comparison.closed, {"closed_on": today})


def seen_unchanged(c: Connection, owner: int, watch_id: int, today: date) -> None:
    """A 304: every open posting is still there."""
    records.update_where(
        c,
        "watch_postings",
        owner,
        "watch_id = :watch AND closed_on IS NULL",
        {"watch": watch_id},
        {"last_seen": today},
    )


def _set(c: Connection, owner: int, ids: Sequence[int], changes: Mapping[str, object]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        params = {f"i{n}": i for n, i in enumerate(chunk)}
        where = f"id IN ({', '.join(f':{k}' for k in params)})"
        records.update_where(c, "watch_postings", owner, where, params, changes)


def _new(watch_id: int, posting: FetchedPosting, today: date) -> dict[str, object]:
    return {
        "watch_id": watch_id,
        "external_id": posting.external_id[:200],
        "title": posting.title[:500],
        "norm_title": normalise_title(posting.title)[:500],
        "requisition_id": posting.requisition_id[:200],
        "url": posting.url[:2000],
        "location": posting.location[:500],
        "remote": posting.remote,
        "first_seen": today,
        "last_seen": today,
    }


def _watch(row: Row) -> Watch:
    return Watch(
        id=int(row["id"]),
        company_id=int(row["company_id"]),
        company=str(row["company_name"]),
        board_kind=str(row["board_kind"]),
        board_name=str(row["board_name"]),
        board_url=str(row["board_url"]),
        feed_url=str(row["feed_url"]),
        etag=str(row["etag"]),
        last_modified=str(row["last_modified"]),
        last_ok_on=as_date(row["last_ok_on"]),
        gone_since=as_date(row["gone_since"]),
        last_error=str(row["last_error"]),
        open_postings=int(row["open_postings"]),
        feed_etag=str(row["feed_etag"]),
        feed_last_modified=str(row["feed_last_modified"]),
        feed_error=str(row["feed_error"]),
    )


def _posting(row: Row) -> KnownPosting:
    return KnownPosting(
        id=int(row["id"]),
        external_id=str(row["external_id"]),
        title=str(row["title"]),
        norm_title=str(row["norm_title"]),
        requisition_id=str(row["requisition_id"]),
        url=str(row["url"]),
        first_seen=must_date(row["first_seen"]),
        last_seen=must_date(row["last_seen"]),
        closed_on=as_date(row["closed_on"]),
        returned_on=as_date(row["returned_on"]),
        baseline=bool(row["baseline"]),
    )


def news_guids(c: Connection, owner: int, watch_id: int) -> set[str]:
    rows = c.scalars(
        "SELECT guid FROM watch_news WHERE owner_id = :owner AND watch_id = :watch",
        {"owner": owner, "watch": watch_id},
    )
    return {str(g) for g in rows}


def add_news(c: Connection, owner: int, watch_id: int, item: NewsItem, today: date) -> None:
    values = {
        "watch_id": watch_id,
        "guid": item.guid[:500],
        "title": item.title[:500],
        "url": item.url[:2000],
        "published_on": item.published_on,
        "first_seen": today,
    }
    records.insert(c, "watch_news", owner, values)


def news(c: Connection, owner: int, watch_id: int) -> list[NewsItem]:
    rows = c.rows(
        "SELECT * FROM watch_news WHERE owner_id = :owner AND watch_id = :watch ORDER BY id",
        {"owner": owner, "watch": watch_id},
    )
    return [_news(r) for r in rows]


def _news(r: Row) -> NewsItem:
    return NewsItem(str(r["guid"]), str(r["title"]), str(r["url"]), as_date(r["published_on"]))
