"""graphbuild's command group and what every command shares: the connection options, one-line errors,
--format and -o.

graphbuild: meeting documents in, a Neo4j knowledge graph out.

Every command that talks to Neo4j finds it by one rule: --uri/--user/--password/
--database, else NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE, else the local
server of `graphbuild neo4j start`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from .. import __version__
from ..errors import GraphbuildError

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
            from ..db.reports import ReportError

            raise Fail(str(exc), 2 if isinstance(exc, ReportError) else 1) from None
        except (_neo4j.exceptions.ServiceUnavailable, _neo4j.exceptions.SessionExpired) as exc:
            # The server went away after the connection was verified; the driver has retried already.
            from ..db.connection import _short

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
            from ..db.connection import connect

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


# ------------------------------------------------------------------ output options
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                      show_default=True, help="Output format.")


def _emit(text: str, output: Optional[str]):
    if output:
        from ..output import write_output

        write_output(output, text + "\n")
        click.echo(f"written to {output}", err=True)
    else:
        click.echo(text)


def _check_output(output: Optional[str]) -> None:
    """Refuse an -o path that cannot be written before any work is done (one line, exit 1)."""
    if output:
        from ..output import check_output_path

        check_output_path(output)

def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[0] if lines else ""
