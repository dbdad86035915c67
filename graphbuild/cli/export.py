"""`graphbuild export`: the graph as CSV or JSON files."""
from __future__ import annotations

from pathlib import Path

import click

from .base import fail_on_errors, main


# ------------------------------------------------------------------ export
@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.pass_obj
@fail_on_errors
def export(conn, directory, fmt):
    """Write every node label and relationship type to DIRECTORY as CSV or JSON files.

    Example: graphbuild export --format csv out/
    """
    from ..db.export import export_graph

    written = export_graph(conn.driver(), Path(directory), fmt, conn.database)
    for name, count in written:
        click.echo(f"{name}: {count} rows")
