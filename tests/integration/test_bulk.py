"""`graphbuild load --bulk` against the real local Neo4j it stops, imports into and starts again: after a bulk
load, loads continue transactionally with the graph they would have given (docs/scaling.md).  The three paths
on the samples: test_scale_load.py; on 2,000 documents: test_scale_corpus.py."""
from __future__ import annotations

from graphbuild.db.load import GraphWriter
from graphbuild.pipeline import discover, document_path, extract_many
from graphbuild.scale.facts import record_line
from graphbuild.scale.fingerprint import fingerprint
from graphbuild.scale.run import bulk_load_facts, load_facts

from conftest import SAMPLES, local_driver, wipe


def test_after_a_bulk_load_a_transactional_load_gives_the_graph_two_transactional_loads_give(
        empty_graph, local_server, tmp_path):
    extracted = extract_many([document_path(f) for f in discover([str(SAMPLES)]).files], workers=1)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(record_line(e) for e in extracted[:4]), encoding="utf-8")
    second.write_text(record_line(extracted[4]), encoding="utf-8")

    assert load_facts([first], GraphWriter(empty_graph)).ok
    assert len(load_facts([second], GraphWriter(empty_graph)).loaded) == 1
    transactional = fingerprint(empty_graph)

    with local_driver(local_server) as d:
        wipe(d)
    report = bulk_load_facts([first], local_server, echo=lambda m: None)
    assert report.ok and len(report.loaded) == 4
    with local_driver(local_server) as d:
        assert fingerprint(d) != transactional  # the fifth document is not in yet
        again = load_facts([first, second], GraphWriter(d))
        assert len(again.loaded) == 1 and len(again.unchanged) == 4 and again.ok
        assert fingerprint(d) == transactional
