"""`graphbuild neo4j ...`: the local Neo4j server (graphbuild/db/runtime.py)."""
from __future__ import annotations

import sys

import click

from .base import CONTEXT, Fail, fail_on_errors, main


# ------------------------------------------------------------------ neo4j runtime
@main.group(context_settings=CONTEXT)
def neo4j():
    """Run a local Neo4j 5.26 Community server (data under $GRAPHBUILD_HOME).

    \b
    Example:
      graphbuild neo4j start && eval "$(graphbuild neo4j env)"
    """


def _local(bolt_port):
    from ..db.runtime import LocalNeo4j

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
    from ..db.runtime import LocalNeo4j

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

    from ..db.runtime import NEO4J_USER, LocalCredentials

    server = _local(None)
    password = server.existing_password()
    if password is None:
        raise Fail(f"no password yet in {server.password_path}: start the local server first (graphbuild neo4j start)")
    creds = LocalCredentials(server.uri, NEO4J_USER, password)
    click.echo(f"export NEO4J_URI={shlex.quote(creds.uri)} NEO4J_USER={shlex.quote(creds.user)} "
               f"NEO4J_PASSWORD={shlex.quote(creds.password)}")
