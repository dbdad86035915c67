"""`graphbuild eval`: the accuracy of the graph built from a gold corpus (graphbuild/evaluate)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .base import _check_output, Fail, fail_on_errors, main


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

    from ..evaluate import load_gold_dir, render_table, render_why

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
        from ..output import write_output

        write_output(json_out, json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
        click.echo(f"written to {json_out}", err=True)


def _eval_on_server(conn, gold_dir, wipe):
    from ..evaluate import database_node_count, run_eval, wipe_database

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

    from ..db.connection import ConnectionSettings, open_driver
    from ..evaluate import run_eval
    from ..db.runtime import LocalNeo4j, default_home

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
