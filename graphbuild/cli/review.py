"""`graphbuild resolve review`: the pairs of people resolution was not sure about."""
from __future__ import annotations


import click

from .base import CONTEXT, fail_on_errors, main


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
    from ..gazetteer import load_gazetteer
    from ..db.load import GraphWriter
    from ..output import render
    from ..resolve import load_judgements, review_known

    writer = GraphWriter(conn.driver(), conn.database)
    candidates = review_known(load_gazetteer(), writer.known_persons(), load_judgements(judgements))
    rows = [dict(a=p.a_name, b=p.b_name, score=round(p.score, 1), reason=p.reason,
                 evidence=" | ".join(f"{e.doc_id[:8]}:{e.line} {e.quote}" for e in p.evidence[:4]),
                 a_id=p.a_id, b_id=p.b_id) for p in candidates]
    click.echo(render(["a", "b", "score", "reason", "evidence", "a_id", "b_id"], rows, fmt))
