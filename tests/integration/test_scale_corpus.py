"""The same graph from `ingest`, from `extract` (Dask, two workers) + `load`, and from the same facts through
`load --bulk` (neo4j-admin import), on a 2,000-document benchmark corpus (benchmarks/corpus.py): counts and a
checksum of every property (docs/scaling.md).

The slowest test of issue 18 (two extractions of 2,000 documents): speed is measured in benchmarks/run.py."""
from __future__ import annotations

import sys
from pathlib import Path

from graphbuild.db.load import GraphWriter
from graphbuild.pipeline import ingest
from graphbuild.scale.extract import ClusterSpec
from graphbuild.scale.fingerprint import fingerprint
from graphbuild.scale.run import bulk_load_facts, load_facts, run_extract

from conftest import ROOT, local_driver, wipe

DOCS = 2000


def _corpus(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    corpus.generate(DOCS, folder)
    (folder / "truth.json").unlink()
    return folder


def test_ingest_extract_plus_load_and_bulk_give_the_same_graph_on_2000_documents(empty_graph, tmp_path,
                                                                                   local_server):
    docs = _corpus(tmp_path / "corpus")
    report = ingest([str(docs)], GraphWriter(empty_graph))
    assert report.ok and len(report.loaded) == DOCS, report.failed[:3]
    by_ingest = fingerprint(empty_graph)
    assert by_ingest.labels["Document"] == DOCS and by_ingest.labels["Person"] > 500
    assert by_ingest.types["ATTENDED"] > 10_000

    run, _ = run_extract([str(docs)], str(tmp_path / "facts"), ClusterSpec(workers=2))
    assert run.written == DOCS and not run.failed
    wipe(empty_graph)
    loaded = load_facts([tmp_path / "facts"], GraphWriter(empty_graph))
    assert loaded.ok and len(loaded.loaded) == DOCS
    assert fingerprint(empty_graph) == by_ingest

    with local_driver(local_server) as d:
        wipe(d)
    bulk = bulk_load_facts([tmp_path / "facts"], local_server, echo=lambda m: None)
    assert bulk.ok and len(bulk.loaded) == DOCS
    with local_driver(local_server) as d:
        assert fingerprint(d) == by_ingest
