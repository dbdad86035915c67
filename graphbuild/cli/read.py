"""`graphbuild query` and `summary`: reading the graph."""
from __future__ import annotations

import json

import click

from .base import _check_output, _emit, Fail, fail_on_errors, _first_line, FORMAT, main


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

    from ..output import render
    from ..db.reports import run_read

    _check_output(output)
    values = {}
    for name, raw in params:
        try:
            values[name] = json.loads(raw)
        except ValueError:
            values[name] = raw
    from ..db.guard import StatementRefused

    try:
        columns, rows = run_read(conn.driver(), cypher, values, conn.database)
    except StatementRefused as exc:
        raise Fail(f"refused: {exc}") from None
    except _neo4j.exceptions.Neo4jError as exc:
        raise Fail(f"Neo4j refused the statement: {_first_line(exc.message or str(exc))}") from None
    _emit(render(columns, rows, fmt), output)


@main.command()
@click.pass_obj
@fail_on_errors
def summary(conn):
    """What the graph holds: documents, meetings, people, organizations, memberships.

    Example: graphbuild summary
    """
    from ..db.reports import run_read
    from ..db.statements import statement

    _, rows = run_read(conn.driver(), statement("summary"), {}, conn.database)
    row = rows[0] if rows else {}
    order = ["documents", "meetings", "agenda_items", "decisions", "people", "organizations", "memberships",
             "attendance", "unresolved_mentions"]
    width = max(len(k) for k in order)
    for k in order:
        click.echo(f"{k.replace('_', ' '):<{width}}  {row.get(k, 0)}")
