"""`graphbuild extract` (on Dask) and `graphbuild load` (facts files -> the graph); docs/scaling.md."""
from __future__ import annotations

import sys

import click

from ..errors import printable
from .base import _check_output, fail_on_errors, main
from .ingest import _group_option, _hint_options, _hints, _print_report


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("-o", "--output", type=click.Path(),
              help="A folder (an existing one, or a name without a suffix): partitioned facts (part-NNNNN.jsonl) "
                   "and manifest.json; a FILE.jsonl: one file (default: stdout).")
@click.option("--files-from", type=click.File(encoding="utf-8"), help="A file listing documents, one path a line.")
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler, e.g. tcp://host:8786 "
                                                     "(default: a local cluster on this machine).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes of the local cluster (default: cores).")
@click.option("--chunk", type=click.IntRange(min=1), help="Documents per task and per partition (default: 50).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
@_hint_options
@fail_on_errors
def extract(paths, output, files_from, scheduler, workers, chunk, progress, kind, council, municipality):
    """Extract facts as JSON lines (one document per line), without touching the database.

    Runs on a Dask cluster: a local one by default (fewer than 8 documents: in this process), or
    the scheduler given.  PATHS are files, folders or globs ("minutes/**/*.pdf").  The format is
    documented in docs/extraction.md (see its schema_version); a folder output gets a manifest
    (document ids, sizes, errors).  A bad document fails alone and is listed; exit status 1 then.

    Example: graphbuild extract data/samples -o facts.jsonl
    Example: graphbuild extract --scheduler tcp://10.0.0.5:8786 /shared/docs -o /shared/facts
    """
    from ..scale.extract import ClusterSpec
    from ..scale.run import check_folder_output, expand, is_folder_output, run_extract

    all_paths = expand(paths, files_from)
    if not all_paths:
        raise click.UsageError("give documents to extract (PATHS or --files-from)")
    if is_folder_output(output):
        check_folder_output(output)
    else:
        _check_output(output)
    spec = ClusterSpec(scheduler, workers)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from ..pipeline import discover

        with click.progressbar(length=len(discover(all_paths).files), label="Extracting", file=sys.stderr) as bar:
            run, text = run_extract(all_paths, output, spec, _hints(kind, council, municipality), bar.update, chunk)
    else:
        run, text = run_extract(all_paths, output, spec, _hints(kind, council, municipality), None, chunk)
    _write_extract(run, text, output)


def _write_extract(run, text: str, output) -> None:
    if run.manifest:
        click.echo(f"{run.written} documents written to {printable(output)} (manifest: {printable(run.manifest)})",
                   err=True)
    elif output:
        from ..output import write_output

        write_output(output, text)
        click.echo(f"{run.written} documents written to {printable(output)}", err=True)
    else:
        click.echo(text, nl=False)
    for path, message in run.warnings:
        click.echo(f"warning: {printable(path)}: {printable(message)}", err=True)
    if run.found.skipped:
        click.echo(printable(run.found.skipped_line()), err=True)
    for path, reason in run.failed:
        click.echo(f"failed: {printable(path)}: {printable(reason)}", err=True)
    if run.failed:
        sys.exit(1)


@main.command()
@click.argument("facts", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--judgements", type=click.Path(dir_okay=False), help="Curators' same/not-same file (default: the bundled one).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
@click.option("--bulk", is_flag=True, help="First load into an EMPTY local database: write CSVs and run Neo4j's "
                                           "offline importer (stops and restarts the local server).")
@_group_option
@click.pass_obj
@fail_on_errors
def load(conn, facts, judgements, progress, bulk, group):
    """Load facts files (graphbuild extract's output: files or folders of part-*.jsonl) into the graph.

    Resolution included, as in ingest; a document already loaded with the same content is skipped, a
    changed one replaces its earlier version, a broken one fails alone.  Many documents go in one
    transaction.  --bulk: the same graph through `neo4j-admin database import full`, for the first load
    of a large corpus into the local server's empty database; later loads are transactional.  Exit
    status 1 when any document failed.

    Example: graphbuild load facts/
    Example: graphbuild load --bulk /shared/facts
    """
    if bulk:
        _load_bulk(conn, facts, judgements, group)
        return
    from ..db.load import GraphWriter
    from ..resolve import load_judgements
    from ..scale.run import load_facts

    writer = GraphWriter(conn.driver(), conn.database, group_docs=group)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        from ..scale.facts import facts_files

        lines = sum(1 for f in facts_files(facts) for line in open(f, encoding="utf-8") if line.strip())
        with click.progressbar(length=lines, label="Loading", file=sys.stderr) as bar:
            report = load_facts(facts, writer, judgements=load_judgements(judgements), progress=lambda _: bar.update(1))
    else:
        report = load_facts(facts, writer, judgements=load_judgements(judgements))
    _print_report(report)


def _load_bulk(conn, facts, judgements, group) -> None:
    """load --bulk: only on the local server graphbuild runs (the importer writes its store files)."""
    from ..db.connection import resolve_settings
    from ..db.runtime import LocalNeo4j
    from ..errors import GraphbuildError
    from ..resolve import load_judgements
    from ..scale.run import bulk_load_facts

    local = LocalNeo4j()
    settings = resolve_settings(conn.uri, conn.user, conn.password, conn.database)
    if settings.source != "local server" and settings.uri.rstrip("/") != local.uri:
        raise GraphbuildError(f"load --bulk runs Neo4j's offline importer on the local server graphbuild runs; "
                              f"{settings.uri} (from {settings.source}) is another server: use `graphbuild load`")
    report = bulk_load_facts(facts, local, settings.database, judgements=load_judgements(judgements),
                             group_docs=group, echo=lambda m: click.echo(m, err=True))
    _print_report(report)
