"""`graphbuild serve`: the read-only web pages (graphbuild/web) over the same connection rule as every
other command; loopback only unless --host says otherwise."""
from __future__ import annotations

import click

from .base import Conn, CONTEXT, Fail, fail_on_errors, main

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command(context_settings=CONTEXT)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default answers this machine only; another address publishes "
                   "the pages (and the graph's contents) to the network.")
@click.pass_context
@fail_on_errors
def serve(ctx, port, host):
    """Serve the read-only web pages: search, person, body, municipality, meeting, document and network
    pages, Atom feeds of seat changes, every page's data as CSV and JSON.

    \b
    Example:
      graphbuild serve                  # http://127.0.0.1:8000/
      graphbuild serve --port 8080
    """
    try:
        import uvicorn

        from ..web import create_app
    except ImportError as exc:
        raise Fail(f"the web pages need the web extras ({exc.name} is missing): pip install -e '.[web]'") from None
    conn = ctx.find_object(Conn)
    app = create_app(conn.driver(), conn.database)
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: anyone who can reach it can read the graph", err=True)
    click.echo(f"graphbuild pages on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               f"(Neo4j: {conn.settings.describe()}); Ctrl-C stops", err=True)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run()
