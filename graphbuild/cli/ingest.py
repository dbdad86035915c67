"""`graphbuild init-db`, `ingest` and `extract`: documents in."""
from __future__ import annotations

import json
import sys

import click

from ..errors import printable
from .base import _check_output, fail_on_errors, main


# ------------------------------------------------------------------ schema, ingest, extract
@main.command("init-db")
@click.pass_obj
@fail_on_errors
def init_db(conn):
    """Apply cypher/schema.cypher (constraints, indexes) and the reference data. Idempotent.

    Example: graphbuild init-db
    """
    from ..gazetteer import load_gazetteer
    from ..db.load import GraphWriter

    writer = GraphWriter(conn.driver(), conn.database)
    writer.apply_schema(force=True)
    writer.load_reference_data(load_gazetteer())
    click.echo(f"Schema and reference data applied to {conn.settings.describe()}.")


def _hint_options(f):
    """--kind / --council / --municipality: what the user knows a folder holds."""
    f = click.option("--municipality", metavar="NAME",
                     help="The municipality the documents belong to: completes a generic council named in them "
                          "(\"Byrådet\" -> \"Byrådet Vejen\").")(f)
    f = click.option("--council", metavar="NAME",
                     help="The council or body whose documents these are (overrides what the text names).")(f)
    f = click.option("--kind", type=click.Choice(["meeting", "news", "members", "other"]),
                     help="What the documents are (default: read from each text): meeting documents, news items "
                          "or press releases, member/board pages, or other.")(f)
    return f


def _group_option(f):
    return click.option("--group", type=click.IntRange(min=1), metavar="N",
                        help="At most N new documents per transaction (default 1000, and about 20,000 rows); "
                             "1: one transaction per document.")(f)


def _hints(kind, council, municipality):
    from ..model import Hints

    if not (kind or council or municipality):
        return None
    return Hints(kind=kind, council=council.strip() if council else None,
                 municipality=municipality.strip() if municipality else None)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--judgements", type=click.Path(dir_okay=False), help="Curators' same/not-same file (default: the bundled one).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
@_group_option
@_hint_options
@click.pass_obj
@fail_on_errors
def ingest(conn, paths, judgements, progress, group, kind, council, municipality):
    """Read, extract, resolve and load documents (files or folders of .txt/.md/.html/.pdf).

    A document already loaded with the same content is skipped; a changed one
    replaces what its earlier version asserted; a broken one fails alone.
    A document is refused only when it cannot be read or states nothing (no
    meeting, no person in office, no known organisation).
    Exit status 1 when any document failed.

    Example: graphbuild ingest data/samples
    Example: graphbuild ingest --kind meeting --municipality Vejen byraadet/
    """
    from ..db.load import GraphWriter
    from ..pipeline import discover, ingest as run_ingest
    from ..resolve import load_judgements

    hints = _hints(kind, council, municipality)
    writer = GraphWriter(conn.driver(), conn.database, group_docs=group)
    show = sys.stderr.isatty() if progress is None else progress
    total = len(discover(paths).files)
    if show and total:
        with click.progressbar(length=total, label="Ingesting", file=sys.stderr) as bar:
            report = run_ingest(paths, writer, judgements=load_judgements(judgements), progress=lambda _: bar.update(1),
                                hints=hints)
    else:
        report = run_ingest(paths, writer, judgements=load_judgements(judgements), hints=hints)
    _print_report(report)


def _print_report(report) -> None:
    """The outcome of ingest or load; exit status 1 when any document failed."""
    out = click.echo
    out(f"documents: {len(report.loaded)} loaded, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed")
    out(f"graph: {report.nodes_created} nodes and {report.relationships_created} relationships created")
    out(f"people: {report.people_resolved} mentions resolved, {report.mentions_unresolved} left unresolved "
        f"(see `graphbuild report run data-quality`)")
    for path, message in report.warnings:
        click.echo(f"warning: {printable(path)}: {printable(message)}", err=True)
    if report.skipped_line:
        out(printable(report.skipped_line))
    for path, reason in report.failed:
        click.echo(f"failed: {printable(path)}: {printable(reason)}", err=True)
    if report.aborted:
        click.echo(f"Error: {printable(report.aborted)}", err=True)
        click.echo(f"loaded before the connection was lost: {len(report.loaded) + len(report.replaced)} documents "
                   f"(they stay in the graph); not loaded: {len(report.not_loaded)} (run the same ingest again "
                   f"to load them)", err=True)
        for path in report.loaded + report.replaced:
            click.echo(f"loaded: {printable(path)}", err=True)
        for path in report.not_loaded:
            click.echo(f"not loaded: {printable(path)}", err=True)
    if not report.ok:
        sys.exit(1)




# The extract (Dask) and load (facts files) commands live next door; importing them registers them.
from . import scale  # noqa: E402,F401
