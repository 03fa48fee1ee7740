"""``nextround watch add|list|rm|run``: follow companies' job boards."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from nextround.cli import output, refs
from nextround.cli.options import json_option, pass_state
from nextround.cli.state import State

if TYPE_CHECKING:
    from nextround.services.watch import BoardOutcome, RunReport


@click.group("watch")
def watch_group() -> None:
    """Follow companies' job boards: see when a role you interviewed for opens again.

    Only `watch run` goes on the network, and only to the boards you added.
    """


@watch_group.command("add")
@click.argument("company")
@click.option(
    "--board",
    metavar="URL",
    help="The careers page or board API URL (default: the company's careers page or a job link).",
)
@click.option(
    "--page", metavar="URL", help="A careers page on no known board (its schema.org job postings)."
)
@click.option("--feed", metavar="URL", help="The company's news feed (RSS or Atom).")
@click.option(
    "--site",
    metavar="URL",
    help="Find the news feed on this website now (one page is fetched); see `watch discover`.",
)
@json_option
@pass_state
def add(
    state: State,
    /,
    company: str,
    board: str | None,
    page: str | None,
    feed: str | None,
    site: str | None,
) -> None:
    """Watch COMPANY's job board. Nothing is fetched until `watch run` (or with --site)."""
    from nextround.domain.watch import NewWatch
    from nextround.services import watch as service
    from nextround.services import watch_discover

    new = NewWatch(refs.company(state, company), board, feed, page)
    others: list[str] = []
    if site is not None:
        added = watch_discover.add_with_site(state.ctx, new, site)
        found, others = added.watch, [f.url for f in added.feeds[1:]]
    else:
        found = service.add_watch(state.ctx, new)
    where = f"{found.board_kind} board {found.board_name}" if found.board_kind else "its feed"
    if found.board_kind and found.feed_url:
        where += " and its feed"
    lines = [f"Watching {found.company} ({where}); `nextround watch run` reads it."]
    if found.feed_url and site is not None:
        lines.append(f"News feed: {found.feed_url}")
    if others:
        lines.append("The site also links to: " + ", ".join(others))
    value = found if site is None else {"watch": found, "feeds": added.feeds}
    output.report(state, value, *map(output.safe, lines))


@watch_group.command("discover")
@click.argument("company")
@click.option("--site", metavar="URL", help="The website to look at (default: the company's).")
@json_option
@pass_state
def discover(state: State, /, company: str, site: str | None) -> None:
    """Find the news feeds COMPANY's website links to (fetches that one page)."""
    from nextround.services import watch_discover

    found = watch_discover.discover_feeds(state.ctx, refs.company(state, company), site)
    if state.as_json:
        output.emit_json(found)
        return
    if not found.feeds:
        click.echo(output.safe(f"{found.site} links to no RSS or Atom feed."))
        return
    for feed in found.feeds:
        click.echo(
            output.safe(f"{feed.kind}\t{feed.url}" + (f"\t{feed.title}" if feed.title else ""))
        )
    click.echo(
        output.safe(f"Watch one with `nextround watch add {company} --feed {found.feeds[0].url}`.")
    )


@watch_group.command("feed")
@click.argument("company")
@click.argument("url", required=False)
@click.option("--site", metavar="URL", help="Find it on this website (default: the company's).")
@json_option
@pass_state
def feed(state: State, /, company: str, url: str | None, site: str | None) -> None:
    """Follow a watched COMPANY's news: the feed at URL, else the first its website links to."""
    from nextround.services import watch_discover

    added = watch_discover.set_feed(state.ctx, refs.company(state, company), url, site)
    found = added.watch
    lines = [f"Following {found.company}'s news: {found.feed_url}; `nextround watch run` reads it."]
    if len(added.feeds) > 1:
        lines.append("The site also links to: " + ", ".join(f.url for f in added.feeds[1:]))
    value = {"watch": found, "feeds": added.feeds}
    output.report(state, value, *map(output.safe, lines))


@watch_group.command("list")
@json_option
@pass_state
def list_(state: State) -> None:
    """Every watched company, its board, open postings and the last read."""
    from nextround.services import watch as service

    found = service.list_watches(state.ctx)
    if state.as_json:
        output.emit_json(found)
    elif not found:
        click.echo(
            "No company watched yet. Add one with `nextround watch add COMPANY --board URL`."
        )
    else:
        today = state.ctx.today
        output.table(
            [
                (
                    w.id,
                    w.company,
                    f"{w.board_kind} {w.board_name}".strip(),
                    w.open_postings,
                    "gone" if w.gone(today) else (w.last_ok_on or "never"),
                    w.last_error[:60],
                )
                for w in found
            ],
            ["id", "company", "board", "open", "last read", "problem"],
        )


@watch_group.command("rm")
@click.argument("company")
@json_option
@pass_state
def rm(state: State, /, company: str) -> None:
    """Stop watching COMPANY (to the trash, with the postings it remembers)."""
    from nextround.services import watch as service

    watch = service.watch_of(state.ctx, refs.company(state, company))
    gone = service.remove_watch(state.ctx, watch.id)
    output.report(
        state, gone, f"Stopped watching {gone.company} (`nextround undo` brings it back)."
    )


@watch_group.command("run")
@click.argument("companies", nargs=-1)
@click.option("--all", "everything", is_flag=True, help="Also ask boards gone for a week.")
@json_option
@pass_state
def run(state: State, /, companies: tuple[str, ...], everything: bool) -> None:
    """Read the watched boards (or COMPANIES'): new, closed and reopened roles."""
    from nextround.services import watch as service

    ids = None
    if companies:
        ids = [service.watch_of(state.ctx, refs.company(state, name)).id for name in companies]
    report = service.run_watches(state.ctx, ids, everything=everything)
    if state.as_json:
        output.emit_json(report)
    else:
        _report_lines(report)
    if any(b.status == "failed" for b in report.boards):
        raise SystemExit(1)


def _report_lines(report: RunReport) -> None:
    for board in report.boards:
        _board_lines(board)
    counts = ", ".join(f"{n} {status}" for status, n in sorted(report.counts.items()))
    click.echo(
        f"{len(report.boards)} boards ({counts or 'none'}), "
        f"{report.requests} requests, {report.seconds:.1f} s"
    )


def _board_lines(board: BoardOutcome) -> None:
    if board.status in ("failed", "gone", "skipped"):
        click.echo(output.safe(f"{board.company}: {board.status}: {board.error}"))
    else:
        click.echo(
            output.safe(
                f"{board.company}: {board.open} open, {board.new} new, {board.closed} closed"
                + (f", {board.skipped} left out" if board.skipped else "")
            )
        )
    if board.news or board.news_error:
        said = f"feed failed: {board.news_error}" if board.news_error else f"{board.news} new"
        click.echo(output.safe(f"  News: {said}"))
    for found in board.reopened:
        first = found.postings[0]
        more = f" (and {len(found.postings) - 1} more)" if len(found.postings) > 1 else ""
        click.echo(output.safe(f"  Reopened since {found.since}: {first.title} {first.url}{more}"))
    for posting in board.matching:
        where = f" ({posting.location})" if posting.location else ""
        click.echo(output.safe(f"  Matches your interests: {posting.title}{where} {posting.url}"))
    if board.people_you_know is not None and board.people_you_know.people:
        click.echo(output.safe(f"  {board.people_you_know.summary}"))


def _with_interests() -> None:
    from nextround.cli.interests import interests

    watch_group.add_command(interests)


_with_interests()
