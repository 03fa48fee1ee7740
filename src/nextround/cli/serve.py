"""``nextround serve``: the web app on this computer, on the same database as the CLI."""

from __future__ import annotations

import click

from nextround.cli.options import pass_state
from nextround.cli.state import State


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--allow-host",
    "extra_hosts",
    multiple=True,
    metavar="NAME",
    help="Another name this server is reached by (checked against the Host header).",
)
@click.option(
    "--forwarded-allow-ips",
    metavar="IPS",
    help="Proxies (comma-separated addresses, or '*') whose X-Forwarded-For and "
    "X-Forwarded-Proto are believed (default: 127.0.0.1): behind an HTTPS proxy, "
    "cookies are then sent Secure.",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON line per log record and per request (route, status, time).",
)
@click.option("--metrics", is_flag=True, help="Serve Prometheus metrics at /metrics.")
@click.option("--open", "open_browser", is_flag=True, help="Open the app in the web browser.")
@pass_state
def serve(
    state: State,
    /,
    host: str,
    port: int,
    extra_hosts: tuple[str, ...],
    forwarded_allow_ips: str | None,
    log_format: str,
    metrics: bool,
    open_browser: bool,
) -> None:
    """Run the web app (stop it with Ctrl+C). Off this computer (--host 0.0.0.0) it needs
    a password first: `nextround setup --password`."""
    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from nextround.mailconfig import is_loopback
    from nextround.web.app import create_app

    if not is_loopback(host) and not state.settings().hosted:  # hosted: always a login
        _require_password(state, host)
    if log_format == "json":
        from nextround.web.observe import log_as_json

        log_as_json()
    app = create_app(
        state.settings(),
        host=host,
        port=port,
        extra_hosts=extra_hosts,
        log_requests=log_format == "json",
        metrics=metrics,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if not is_loopback(host):
        click.echo(
            f"Note: listening on {host}, so other machines on the network can reach it "
            "(after logging in).",
            err=True,
        )
    click.echo(f"nextround is running at {url} (Ctrl+C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    # No access log: calendar-feed links carry a secret in their path.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        # JSON lines are set up above; uvicorn's own logging set-up would replace them.
        log_config=None if log_format == "json" else LOGGING_CONFIG,
        access_log=False,
        # A proxy on this computer (127.0.0.1) is believed unless told otherwise.
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )


def _require_password(state: State, host: str) -> None:
    """Refuse to listen off this computer while anyone could walk in without a password."""
    from nextround.errors import PasswordNeeded
    from nextround.services.logins import has_password

    if not has_password(state.site):
        raise PasswordNeeded(
            f"listening on {host} lets other machines in, so it needs a password: "
            "set one with `nextround setup --password`, then serve again"
        )
