"""The rows a document writes are a pure function of its facts.  (Loading against the real Neo4j:
tests/integration/test_load.py.)
"""
from __future__ import annotations


from graphbuild.db.rows import document_rows

from conftest import SAMPLE_FILES


def test_document_rows_are_deterministic():
    from graphbuild.nlp import extract_path
    from graphbuild.gazetteer import load_gazetteer
    from graphbuild.resolve import Resolver

    facts = [extract_path(str(p), load_gazetteer()) for p in SAMPLE_FILES]
    a = [document_rows(r).batches for r in Resolver(load_gazetteer()).resolve_all(facts).documents]
    b = [document_rows(r).batches for r in Resolver(load_gazetteer()).resolve_all(facts).documents]
    assert a == b
