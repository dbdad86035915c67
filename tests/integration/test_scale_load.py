"""`graphbuild load` from facts files and grouped transactions, against the real Neo4j (docs/scaling.md)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.load import GraphWriter
from graphbuild.db.reference import curated_org_ids
from graphbuild.db.rows import document_rows
from graphbuild.gazetteer import load_gazetteer
from graphbuild.pipeline import discover, document_path, extract_many, ingest
from graphbuild.resolve import Resolver
from graphbuild.scale.fingerprint import fingerprint
from graphbuild.scale.run import load_facts

from conftest import SAMPLES, local_driver, local_env, wipe


def _extract(tmp_path, env, *args):
    out = tmp_path / "facts"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out), "--no-progress", *args], env=env)
    assert result.exit_code == 0, result.output
    return out


def test_ingest_extract_plus_load_and_load_bulk_give_the_same_graph_on_the_samples(empty_graph, tmp_path, neo4j_env,
                                                                                  local_server):
    writer = GraphWriter(empty_graph)
    report = ingest([str(SAMPLES)], writer)
    assert report.ok and len(report.loaded) == 5
    by_ingest = fingerprint(empty_graph)
    assert by_ingest.nodes > 100 and by_ingest.types.get("EVIDENCED_BY", 0) > 50

    facts = _extract(tmp_path, neo4j_env)
    assert json.loads((facts / "manifest.json").read_text())["documents"]
    wipe(empty_graph)
    result = CliRunner().invoke(main, ["load", str(facts), "--no-progress"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert "5 loaded" in result.output
    assert fingerprint(empty_graph) == by_ingest

    again = CliRunner().invoke(main, ["load", str(facts), "--no-progress"], env=neo4j_env)
    assert again.exit_code == 0 and "0 loaded" in again.output and "5 unchanged" in again.output, again.output
    assert fingerprint(empty_graph) == by_ingest

    # load --bulk: CSVs + neo4j-admin import into the (empty) local server, stopped and started again.
    with local_driver(local_server) as d:
        wipe(d)
    bulk = CliRunner().invoke(main, ["load", "--bulk", str(facts)], env=local_env(local_server))
    assert bulk.exit_code == 0, bulk.output
    assert "5 loaded" in bulk.output and "0 failed" in bulk.output
    with local_driver(local_server) as d:
        assert fingerprint(d) == by_ingest
    refused = CliRunner().invoke(main, ["load", "--bulk", str(facts)], env=local_env(local_server))
    assert refused.exit_code == 1 and "empty database only" in refused.output, refused.output
    assert len(refused.output.strip().splitlines()) == 1


def _sample_rows():
    gaz = load_gazetteer()
    extracted = extract_many([document_path(f) for f in discover([str(SAMPLES)]).files], workers=1)
    resolved = Resolver(gaz).resolve_all([e.facts for e in extracted]).documents
    return [(document_rows(r, curated_org_ids(gaz), e.layout, e.encoding, e.line_count, e.page_starts), e.path)
            for e, r in zip(extracted, resolved)]


def test_a_broken_document_in_a_group_fails_alone_and_leaves_nothing(empty_graph):
    writer = GraphWriter(empty_graph)
    writer.apply_schema()
    writer.load_reference_data(load_gazetteer())
    docs = _sample_rows()
    broken_rows, broken_path = docs[2]
    for name, rows in broken_rows.batches:
        if name == "load_memberships":
            rows[0] = {**rows[0], "person_id": "person:nobody"}  # a MATCH that finds nothing: a row not written
            break
    else:
        raise AssertionError("the third sample has no memberships")
    outcomes, counts = writer.write_group(docs)
    status = {o.path: o.status for o in outcomes}
    assert status.pop(broken_path) == "failed" and set(status.values()) == {"loaded"} and len(status) == 4
    failed = next(o for o in outcomes if o.path == broken_path)
    assert "load_memberships" in failed.reason
    assert counts.nodes_created > 100
    with empty_graph.session() as s:
        ids = {r["id"] for r in s.run("MATCH (d:Document) RETURN d.doc_id AS id")}
        stray = s.run("MATCH ()-[r]->() WHERE r.doc_id = $id RETURN count(r) AS n", id=broken_rows.doc_id).single()["n"]
    assert broken_rows.doc_id not in ids and len(ids) == 4 and stray == 0


def test_a_group_writes_what_one_transaction_per_document_writes(empty_graph):
    writer = GraphWriter(empty_graph)
    writer.apply_schema()
    writer.load_reference_data(load_gazetteer())
    docs = _sample_rows()
    for rows, path in docs:
        assert writer.write_document(rows, path).status == "loaded"
    one_by_one = fingerprint(empty_graph)
    wipe(empty_graph)
    writer.load_reference_data(load_gazetteer())
    outcomes, _ = writer.write_group(docs)
    assert [o.status for o in outcomes] == ["loaded"] * 5
    assert fingerprint(empty_graph) == one_by_one


def test_facts_lines_that_cannot_be_read_fail_by_line_and_the_rest_load(empty_graph, tmp_path):
    from graphbuild.scale.facts import record_line

    extracted = extract_many([document_path(f) for f in discover([str(SAMPLES)]).files], workers=1)
    f = tmp_path / "facts.jsonl"
    f.write_text(record_line(extracted[0]) + "{broken\n" + record_line(extracted[1]), encoding="utf-8")
    report = load_facts([f], GraphWriter(empty_graph))
    assert len(report.loaded) == 2 and report.failed == [(f"{f}:2", report.failed[0][1])]
    assert "not JSON" in report.failed[0][1]
