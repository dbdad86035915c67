"""`graphbuild report list|show|run`: saved reports (graphbuild/db/reports.py)."""
from __future__ import annotations

import json

import click

from ..errors import printable
from .base import _check_output, Conn, CONTEXT, _emit, Fail, fail_on_errors, _first_line, FORMAT, main


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
    from ..output import render
    from ..db.reports import list_reports

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
    from ..db.reports import get_report

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

    from ..output import render
    from ..db.reports import get_report, run_report

    from ..db.guard import StatementRefused

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
        from ..db.reports import unmatched_names

        for message in unmatched_names(conn.driver(), r, values, conn.database):
            click.echo(printable(message), err=True)
