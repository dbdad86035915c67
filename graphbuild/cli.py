"""graphbuild: meeting documents in, a Neo4j knowledge graph out.

Every command that talks to Neo4j finds it by one rule: --uri/--user/--password/
--database, else NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE, else the local
server of `graphbuild neo4j start`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .errors import GraphbuildError, printable

CONTEXT = dict(help_option_names=["-h", "--help"], max_content_width=100)


class Fail(click.ClickException):
    """A one-line error, no traceback; exit status 1 (2 for usage errors)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None):
        click.echo(f"Error: {self.format_message()}", err=True)


def fail_on_errors(fn):
    """Turn the project's own errors into one-line messages."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        import neo4j as _neo4j

        try:
            return fn(*args, **kwargs)
        except GraphbuildError as exc:
            from .db.reports import ReportError

            raise Fail(str(exc), 2 if isinstance(exc, ReportError) else 1) from None
        except (_neo4j.exceptions.ServiceUnavailable, _neo4j.exceptions.SessionExpired) as exc:
            # The server went away after the connection was verified; the driver has retried already.
            from .db.connection import _short

            raise Fail(f"lost the connection to Neo4j: {_short(exc)}") from None
    return wrapper


# ------------------------------------------------------------------ connection options
class Conn:
    def __init__(self, uri, user, password, database):
        self.uri, self.user, self.password, self.database = uri, user, password, database
        self._driver = None
        self.settings = None

    def driver(self):
        if self._driver is None:
            from .db.connection import connect

            self._driver, self.settings = connect(self.uri, self.user, self.password, self.database)
        return self._driver

    def close(self):
        if self._driver is not None:
            self._driver.close()


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="graphbuild")
@click.option("--uri", metavar="URI", help="Neo4j URI, e.g. bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io")
@click.option("--user", metavar="NAME", help="Neo4j user (default: $NEO4J_USER or neo4j).")
@click.option("--password", metavar="PW", help="Neo4j password (default: $NEO4J_PASSWORD). Visible in `ps`: "
              "prefer --password-file or the environment.")
@click.option("--password-file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Read the Neo4j password from the first line of FILE ('-': standard input).")
@click.option("--database", metavar="DB", help="Neo4j database (default: $NEO4J_DATABASE or the server's default).")
@click.pass_context
def main(ctx, uri, user, password, password_file, database):
    """Turn Danish local-government meeting documents into a Neo4j knowledge graph.

    \b
    Quick start:
      graphbuild neo4j start                 # a local Neo4j 5.26 (Java 17 + Maven)
      graphbuild ingest data/samples         # read, extract, resolve, load
      graphbuild summary                     # what the graph holds
      graphbuild report run who-represents -p municipality Rudersdal
    """
    if password_file:
        if password:
            raise Fail("give either --password or --password-file, not both", 2)
        password = _read_password_file(password_file)
    conn = Conn(uri, user, password, database)
    ctx.obj = conn
    ctx.call_on_close(conn.close)


def _read_password_file(path: str) -> str:
    try:
        text = sys.stdin.readline() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Fail(f"cannot read the password file {path}: {getattr(exc, 'strerror', None) or exc}", 2) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise Fail(f"the password file {path} is empty", 2)
    return lines[0].strip()


# ------------------------------------------------------------------ neo4j runtime
@main.group(context_settings=CONTEXT)
def neo4j():
    """Run a local Neo4j 5.26 Community server (data under $GRAPHBUILD_HOME).

    \b
    Example:
      graphbuild neo4j start && eval "$(graphbuild neo4j env)"
    """


def _local(bolt_port):
    from .db.runtime import LocalNeo4j

    return LocalNeo4j(bolt_port=bolt_port)


@neo4j.command()
@click.option("--bolt-port", type=int, default=None,
              help="Bolt port on 127.0.0.1, remembered for later starts (default: the port used last, else 7687; "
                   "when another program holds that one, the next free port).")
@click.option("--timeout", type=float, default=900, show_default=True, help="Seconds to wait for Bolt to answer.")
@click.option("--csv-import-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Let LOAD CSV read files from this one directory (default: no files; also "
                   "$GRAPHBUILD_NEO4J_IMPORT_DIR). Network URLs are always refused.")
@fail_on_errors
def start(bolt_port, timeout, csv_import_dir):
    """Start the local server and wait until Bolt answers.

    The first start downloads Neo4j's jars from Maven Central (minutes); later
    starts take seconds. Example: graphbuild neo4j start --bolt-port 7688
    """
    from .db.runtime import LocalNeo4j

    server = LocalNeo4j(bolt_port=bolt_port, import_dir=csv_import_dir)
    server.start(timeout=timeout, echo=lambda m: click.echo(m, err=True))


@neo4j.command()
@fail_on_errors
def stop():
    """Stop the local server cleanly (the store is kept). Example: graphbuild neo4j stop"""
    server = _local(None)
    if server.stop():
        click.echo("Neo4j stopped.", err=True)
    else:
        click.echo("Neo4j was not running.", err=True)


@neo4j.command()
@fail_on_errors
def status():
    """Exit 0 only when the local server answers. Example: graphbuild neo4j status"""
    server = _local(None)
    if server.answers():  # only after the server is identified; creates no password file
        click.echo(f"running: {server.uri} (data in {server.data_dir}, log {server.log_path})")
        return
    state = "process alive but not answering" if server.is_running() else "not running"
    click.echo(f"{state}: {server.uri} (log {server.log_path})")
    sys.exit(1)


@neo4j.command()
@fail_on_errors
def env():
    """Print export lines for shells, notebooks and other tools.

    Example: eval "$(graphbuild neo4j env)"
    """
    import shlex

    from .db.runtime import NEO4J_USER, LocalCredentials

    server = _local(None)
    password = server.existing_password()
    if password is None:
        raise Fail(f"no password yet in {server.password_path}: start the local server first (graphbuild neo4j start)")
    creds = LocalCredentials(server.uri, NEO4J_USER, password)
    click.echo(f"export NEO4J_URI={shlex.quote(creds.uri)} NEO4J_USER={shlex.quote(creds.user)} "
               f"NEO4J_PASSWORD={shlex.quote(creds.password)}")


# ------------------------------------------------------------------ schema, ingest, extract
@main.command("init-db")
@click.pass_obj
@fail_on_errors
def init_db(conn):
    """Apply cypher/schema.cypher (constraints, indexes) and the reference data. Idempotent.

    Example: graphbuild init-db
    """
    from .gazetteer import load_gazetteer
    from .db.load import GraphWriter

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


def _hints(kind, council, municipality):
    from .model import Hints

    if not (kind or council or municipality):
        return None
    return Hints(kind=kind, council=council.strip() if council else None,
                 municipality=municipality.strip() if municipality else None)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("--judgements", type=click.Path(dir_okay=False), help="Curators' same/not-same file (default: the bundled one).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
@_hint_options
@click.pass_obj
@fail_on_errors
def ingest(conn, paths, judgements, progress, kind, council, municipality):
    """Read, extract, resolve and load documents (files or folders of .txt/.md/.html/.pdf).

    A document already loaded with the same content is skipped; a changed one
    replaces what its earlier version asserted; a broken one fails alone.
    A document is refused only when it cannot be read or states nothing (no
    meeting, no person in office, no known organisation).
    Exit status 1 when any document failed.

    Example: graphbuild ingest data/samples
    Example: graphbuild ingest --kind meeting --municipality Vejen byraadet/
    """
    from .db.load import GraphWriter
    from .pipeline import discover, ingest as run_ingest
    from .resolve import load_judgements

    hints = _hints(kind, council, municipality)
    writer = GraphWriter(conn.driver(), conn.database)
    show = sys.stderr.isatty() if progress is None else progress
    total = len(discover(paths).files)
    if show and total:
        with click.progressbar(length=total, label="Ingesting", file=sys.stderr) as bar:
            report = run_ingest(paths, writer, judgements=load_judgements(judgements), progress=lambda _: bar.update(1),
                                hints=hints)
    else:
        report = run_ingest(paths, writer, judgements=load_judgements(judgements), hints=hints)
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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write JSON lines here (default: stdout).")
@_hint_options
@fail_on_errors
def extract(paths, output, kind, council, municipality):
    """Extract facts as JSON lines (one document per line), without touching the database.

    The format is documented in docs/extraction.md (see its schema_version).
    Example: graphbuild extract data/samples -o facts.jsonl
    """
    from .pipeline import discover, extract_many

    _check_output(output)
    found = discover(paths)
    failed = list(found.problems)
    warnings: list[tuple[str, str]] = []
    lines = []
    for e in extract_many([str(f) for f in found.files], hints=_hints(kind, council, municipality)):
        if e.error:
            failed.append((e.path, e.error))
        else:
            warnings.extend((e.path, w) for w in e.warnings)
            lines.append(json.dumps(e.facts.to_dict(), ensure_ascii=False))
    text = "\n".join(lines) + ("\n" if lines else "")
    if output:
        from .output import write_output

        write_output(output, text)
        click.echo(f"{len(lines)} documents written to {printable(output)}", err=True)
    else:
        click.echo(text, nl=False)
    for path, message in warnings:
        click.echo(f"warning: {printable(path)}: {printable(message)}", err=True)
    if found.skipped:
        click.echo(printable(found.skipped_line()), err=True)
    for path, reason in failed:
        click.echo(f"failed: {printable(path)}: {printable(reason)}", err=True)
    if failed:
        sys.exit(1)


# ------------------------------------------------------------------ accuracy
@main.command("eval")
@click.argument("gold_dir", type=click.Path(file_okay=False))
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Also write every figure and miss as JSON here.")
@click.option("--why", is_flag=True, help="List, per document, the gold facts missed and the extra facts found.")
@click.option("--wipe", is_flag=True, help="With --uri/NEO4J_URI: empty that database first (it must be empty otherwise).")
@click.pass_obj
@fail_on_errors
def eval_cmd(conn, gold_dir, json_out, why, wipe):
    """Accuracy: ingest a gold corpus into an EMPTY database and score the graph against the gold.

    GOLD_DIR holds *.gold.json files (format: tests/corpus/dev/README.md), each next to its
    document or naming it in a "document" field. Prints precision, recall and F1 per fact kind and
    per document kind; how facts are matched: docs/accuracy.md.

    Your data is never touched: without --uri/NEO4J_URI a throw-away local Neo4j is started on a
    free port in a temporary folder (and removed after). With --uri/NEO4J_URI the database must be
    empty, or --wipe must be given to empty it.

    \b
    Examples:
      graphbuild eval tests/corpus/dev --why
      graphbuild eval tests/corpus/samples --json samples.json
      graphbuild --uri bolt://127.0.0.1:7688 eval tests/corpus/dev --wipe
    """
    import os

    from .evaluate import load_gold_dir, render_table, render_why, run_eval

    _check_output(json_out)  # as a bad corpus: fails before any server is started
    load_gold_dir(gold_dir)  # a bad corpus fails before any server is started
    if conn.uri or os.environ.get("NEO4J_URI"):
        result = _eval_on_server(conn, gold_dir, wipe)
    else:
        if wipe:
            raise Fail("--wipe empties a server you point at with --uri/NEO4J_URI; without one, eval uses a "
                       "throw-away server anyway", 2)
        result = _eval_throwaway(gold_dir)
    click.echo(render_table(result))
    if why:
        click.echo("")
        click.echo(render_why(result))
    if json_out:
        from .output import write_output

        write_output(json_out, json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        click.echo(f"written to {json_out}", err=True)


def _eval_on_server(conn, gold_dir, wipe):
    from .evaluate import database_node_count, run_eval, wipe_database

    driver = conn.driver()
    nodes = database_node_count(driver, conn.database)
    if nodes and not wipe:
        raise Fail(f"{conn.settings.describe()} is not empty ({nodes} nodes): eval needs an empty database; "
                   f"give --wipe to empty it (everything in it is deleted), or run without --uri/NEO4J_URI "
                   f"to use a throw-away server")
    if nodes:
        click.echo(f"emptying {conn.settings.describe()} ({nodes} nodes)", err=True)
        wipe_database(driver, conn.database)
    return run_eval(gold_dir, driver, conn.database)


def _eval_throwaway(gold_dir):
    import os
    import shutil
    import socket
    import tempfile

    from .db.connection import ConnectionSettings, open_driver
    from .evaluate import run_eval
    from .db.runtime import LocalNeo4j, default_home

    # The jars and compiled launcher are shared with the user's own local server (no rebuild); the store,
    # password and log live in a temporary folder that is removed afterwards.
    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    home = Path(tempfile.mkdtemp(prefix="graphbuild-eval-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = LocalNeo4j(home=home, bolt_port=port)
    try:
        server.start(timeout=900, echo=lambda m: click.echo(m, err=True))
        creds = server.credentials()
        driver = open_driver(ConnectionSettings(creds.uri, creds.user, creds.password, None, "throw-away server"))
        try:
            return run_eval(gold_dir, driver)
        finally:
            driver.close()
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


# ------------------------------------------------------------------ reading
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                      show_default=True, help="Output format.")


def _emit(text: str, output: Optional[str]):
    if output:
        from .output import write_output

        write_output(output, text + "\n")
        click.echo(f"written to {output}", err=True)
    else:
        click.echo(text)


def _check_output(output: Optional[str]) -> None:
    """Refuse an -o path that cannot be written before any work is done (one line, exit 1)."""
    if output:
        from .output import check_output_path

        check_output_path(output)


@main.command()
@click.argument("cypher")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A parameter ($NAME in the statement); a JSON value is decoded, anything else is a string.")
@FORMAT
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@click.pass_obj
@fail_on_errors
def query(conn, cypher, params, fmt, output):
    """Run one read-only Cypher statement (a write is refused by the server).

    Example: graphbuild query "MATCH (n) RETURN labels(n) AS l, count(*) AS n" --format json
    """
    import neo4j as _neo4j

    from .output import render
    from .db.reports import run_read

    _check_output(output)
    values = {}
    for name, raw in params:
        try:
            values[name] = json.loads(raw)
        except ValueError:
            values[name] = raw
    from .db.guard import StatementRefused

    try:
        columns, rows = run_read(conn.driver(), cypher, values, conn.database)
    except StatementRefused as exc:
        raise Fail(f"refused: {exc}") from None
    except _neo4j.exceptions.Neo4jError as exc:
        raise Fail(f"Neo4j refused the statement: {_first_line(exc.message or str(exc))}") from None
    _emit(render(columns, rows, fmt), output)


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[0] if lines else ""


@main.command()
@click.pass_obj
@fail_on_errors
def summary(conn):
    """What the graph holds: documents, meetings, people, organizations, memberships.

    Example: graphbuild summary
    """
    from .db.reports import run_read
    from .db.statements import statement

    _, rows = run_read(conn.driver(), statement("summary"), {}, conn.database)
    row = rows[0] if rows else {}
    order = ["documents", "meetings", "agenda_items", "decisions", "people", "organizations", "memberships",
             "attendance", "unresolved_mentions"]
    width = max(len(k) for k in order)
    for k in order:
        click.echo(f"{k.replace('_', ' '):<{width}}  {row.get(k, 0)}")


# ------------------------------------------------------------------ reports
@main.group(context_settings=CONTEXT)
@click.option("--reports-dir", "reports_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Extra folder of .cypher reports (also $GRAPHBUILD_REPORTS).")
@click.pass_context
def report(ctx, reports_dirs):
    """Saved, parameterised, read-only reports (queries/*.cypher).

    \b
    Example:
      graphbuild report list
      graphbuild report run seats-of-person -p person "Jacob Netteberg" --format csv -o seats.csv
    """
    ctx.meta["reports_dirs"] = list(reports_dirs)


@report.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@fail_on_errors
def report_list(ctx, fmt):
    """List the reports with the question each answers. Example: graphbuild report list"""
    from .output import render
    from .db.reports import list_reports

    import shutil

    reports = list_reports(ctx.meta["reports_dirs"])
    for r in reports:
        if r.shadow_warning:
            click.echo(r.shadow_warning, err=True)
    if fmt == "json":  # each parameter as an object a program can use to build a call
        rows = [dict(name=r.name, question=r.question, parameters=[p.to_dict() for p in r.params]) for r in reports]
        click.echo(render(["name", "question", "parameters"], rows, fmt))
        return
    rows = [dict(name=r.name, question=r.question,
                 parameters=", ".join(p.signature for p in r.params)) for r in reports]
    # The questions are the point of the list: wrapped to the terminal, never cut.
    total = shutil.get_terminal_size((100, 24)).columns
    name_w = max([4] + [len(r.name) for r in reports])
    params_w = 34
    wrap = {"question": max(30, total - name_w - params_w - 4), "parameters": params_w}
    click.echo(render(["name", "question", "parameters"], rows, fmt, wrap=wrap))


@report.command("show")
@click.argument("name")
@click.pass_context
@fail_on_errors
def report_show(ctx, name):
    """Print a report's Cypher and parameters. Example: graphbuild report show who-represents"""
    from .db.reports import get_report

    r = get_report(name, ctx.meta["reports_dirs"])
    if r.shadow_warning:
        click.echo(r.shadow_warning, err=True)
    click.echo(f"# {r.name}: {r.question}")
    for p in r.params:
        kind = "default" if p.optional else "example"
        click.echo(f"#   -p {p.name} <{p.type}>   {kind}: {json.dumps(p.example, ensure_ascii=False)}  {p.description}")
    click.echo(f"# file: {r.path}")
    click.echo(r.cypher.rstrip())


@report.command("run")
@click.argument("name")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE", help="A report parameter.")
@click.option("--example", is_flag=True, help="Use the example values from the report's header.")
@FORMAT
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@click.pass_context
@fail_on_errors
def report_run(ctx, name, params, example, fmt, output):
    """Run a report in READ mode.

    Example: graphbuild report run who-represents -p municipality Rudersdal --format json
    """
    import neo4j as _neo4j

    from .output import render
    from .db.reports import get_report, run_report

    from .db.guard import StatementRefused

    _check_output(output)
    r = get_report(name, ctx.meta["reports_dirs"])
    if r.shadow_warning:
        click.echo(r.shadow_warning, err=True)
    given = dict(params)
    if example:
        given = {**r.example_params(), **given}
    values = r.convert(given)
    conn = ctx.find_object(Conn)
    try:
        columns, rows = run_report(conn.driver(), r, values, conn.database)
    except StatementRefused as exc:
        raise Fail(f"report {name!r} refused: {exc}") from None
    except _neo4j.exceptions.Neo4jError as exc:
        raise Fail(f"report {name!r} failed: {_first_line(exc.message or str(exc))}") from None
    _emit(render(columns, rows, fmt), output)
    if not rows:
        from .db.reports import unmatched_names

        for message in unmatched_names(conn.driver(), r, values, conn.database):
            click.echo(printable(message), err=True)


# ------------------------------------------------------------------ resolution review
@main.group(context_settings=CONTEXT)
def resolve():
    """Curate person resolution: review uncertain pairs, record judgements.

    Example: graphbuild resolve review --format csv > pairs.csv
    """


@resolve.command("review")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--judgements", type=click.Path(dir_okay=False), help="Judgements file (default: the bundled one).")
@click.pass_obj
@fail_on_errors
def resolve_review(conn, fmt, judgements):
    """List candidate duplicate people in the uncertain band, with score and evidence.

    Record decisions as `name_a,name_b,same|not-same,note` rows in the judgements
    file (graphbuild/data/judgements.csv, or --judgements FILE); they are honoured
    on every ingest. Example: graphbuild resolve review --format csv > pairs.csv
    """
    from .gazetteer import load_gazetteer
    from .db.load import GraphWriter
    from .output import render
    from .resolve import Resolver, load_judgements

    writer = GraphWriter(conn.driver(), conn.database)
    resolver = Resolver(load_gazetteer(), writer.known_persons(), load_judgements(judgements))
    resolver.resolve_all([])
    rows = [dict(a=p.a_name, b=p.b_name, score=round(p.score, 1), reason=p.reason,
                 evidence=" | ".join(f"{e.doc_id[:8]}:{e.line} {e.quote}" for e in p.evidence[:4]),
                 a_id=p.a_id, b_id=p.b_id) for p in resolver.review_candidates()]
    click.echo(render(["a", "b", "score", "reason", "evidence", "a_id", "b_id"], rows, fmt))


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
    from .db.export import export_graph

    written = export_graph(conn.driver(), Path(directory), fmt, conn.database)
    for name, count in written:
        click.echo(f"{name}: {count} rows")


if __name__ == "__main__":  # pragma: no cover
    main()
