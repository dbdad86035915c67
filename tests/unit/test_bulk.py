"""`load --bulk` without a database: the in-memory graph, its CSVs, and the refusals (docs/scaling.md).
Whole graphs against the transactional load: tests/integration/test_bulk.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.bulk import BulkRefused, build_graph, check_statements
from graphbuild.db.bulk_csv import EMPTY_LISTS, field_text, typed_props, write_csv
from graphbuild.db.bulk_graph import Graph, RowRefused
from graphbuild.db.bulk_rows import EMULATED, WRITERS, apply_rows, cypher_date
from graphbuild.db.reference import curated_org_ids
from graphbuild.db.rows import document_rows
from graphbuild.db.statements import cypher_dir
from graphbuild.gazetteer import load_gazetteer
from graphbuild.pipeline import discover, document_path, extract_many
from graphbuild.resolve import Resolver

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module")
def sample_rows():
    gaz = load_gazetteer()
    extracted = extract_many([document_path(f) for f in discover([str(SAMPLES)]).files], workers=1)
    resolved = Resolver(gaz).resolve_all([e.facts for e in extracted]).documents
    return [document_rows(r, curated_org_ids(gaz), e.layout, e.encoding, e.line_count, e.page_starts)
            for e, r in zip(extracted, resolved)]


def test_every_load_statement_has_a_bulk_form_pinned_to_its_current_text():
    names = {p.stem for p in cypher_dir().glob("load_*.cypher")} | {p.stem for p in cypher_dir().glob("reference_*.cypher")}
    assert set(WRITERS) == names == set(EMULATED)
    check_statements()  # raises when a statement changed since its bulk form was written


def test_a_changed_statement_refuses_the_bulk_load(monkeypatch):
    from graphbuild.db import bulk

    monkeypatch.setitem(bulk.EMULATED, "load_persons", "000000000000")
    with pytest.raises(BulkRefused, match="load_persons.cypher changed"):
        check_statements()


def test_merge_set_and_rollback_behave_as_a_transaction():
    g = Graph()
    g.begin()
    p, created = g.merge_node("Person", "person_id", "p1")
    g.set(p, name="A", aliases=[])
    assert created and g.merge_node("Person", "person_id", "p1") == (p, False)
    g.commit()
    g.begin()
    g.set(p, name=None, aliases=["B"])
    g.coalesce(p, nick=None, town="X")
    o, _ = g.merge_node("Organization", "org_id", "o1")
    rk = g.merge_rel("MEMBER", p, o, line=3)
    assert g.merge_rel("MEMBER", p, o, line=3) == rk and g.merge_rel("MEMBER", p, o, line=4) != rk
    assert g.nodes[p].props == {"person_id": "p1", "aliases": ["B"], "town": "X"}
    g.rollback()
    assert g.nodes[p].props == {"person_id": "p1", "name": "A", "aliases": []} and not g.rels
    assert list(g.nodes) == [p]
    with pytest.raises(RowRefused, match="no Person 'p2'"):
        g.match("Person", "p2")
    with pytest.raises(RowRefused, match="null"):
        g.merge_rel("MEMBER", p, p, line=None)


def test_dates_as_cypher_reads_them():
    assert cypher_date("2024-05-01") == dt.date(2024, 5, 1) and cypher_date("2024-05") == dt.date(2024, 5, 1)
    assert cypher_date(None) is None
    with pytest.raises(RowRefused, match="not a date"):
        cypher_date("1. maj")


def test_a_row_naming_a_missing_node_is_refused_with_its_statement():
    g = Graph()
    with pytest.raises(RowRefused, match="load_mentioned: no Document 'd1'"):
        apply_rows(g, "load_mentioned", [dict(person_id="p", line=1, quote="q")], doc_id="d1")


def test_a_broken_document_fails_alone_and_leaves_nothing(sample_rows):
    gaz = load_gazetteer()
    whole = build_graph(sample_rows, gaz)
    assert whole.loaded == [0, 1, 2, 3, 4] and not whole.failed
    broken = sample_rows[2]
    batches = [(n, [{**rows[0], "person_id": "person:nobody"}, *rows[1:]] if n == "load_memberships" else rows)
               for n, rows in broken.batches]
    assert batches != broken.batches
    docs = [*sample_rows[:2], type(broken)(broken.doc_id, batches, broken.org_ids), *sample_rows[3:]]
    out = build_graph(docs, gaz)
    assert out.loaded == [0, 1, 3, 4] and [i for i, _ in out.failed] == [2]
    assert "load_memberships" in out.failed[0][1] and "person:nobody" in out.failed[0][1]
    assert ("Document", broken.doc_id) not in out.graph.nodes
    assert not [k for k, props in out.graph.rels.items() if props.get("doc_id") == broken.doc_id]
    assert not [k for k in out.graph.rels if k[2] == ("Document", broken.doc_id)]
    assert len(out.graph.nodes) < len(whole.graph.nodes)


def test_csv_fields_keep_empty_strings_quotes_and_lists():
    assert field_text(None) == "" and field_text("") == '""' and field_text('sagde "ja"') == '"sagde ""ja"""'
    assert field_text(["a", "b"]) == '"a\x1fb"' and field_text(3) == "3" and field_text(dt.date(2020, 1, 2)) == "2020-01-02"
    signature, values = typed_props({"name": "x", "aliases": [], "lines": [1, 2], "when": dt.date(2020, 1, 1)})
    assert signature == (("_bulk_empty_lists", "string[]"), ("lines", "long[]"), ("name", "string"), ("when", "date"))
    assert values[EMPTY_LISTS] == ["aliases"]


def test_the_csv_files_hold_every_node_and_relationship(sample_rows, tmp_path):
    out = build_graph(sample_rows, load_gazetteer())
    files = write_csv(out.graph, tmp_path)
    rows = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in files.nodes)
    assert files.node_count == len(out.graph.nodes) and rows >= files.node_count  # quotes may span lines
    headers = {p.read_text(encoding="utf-8").splitlines()[0] for p in files.relationships}
    assert all(h.startswith(":START_ID,:END_ID,:TYPE") for h in headers)
    assert files.relationship_count == len(out.graph.rels) > 1000


def test_bulk_refuses_a_server_it_does_not_run(tmp_path):
    result = CliRunner().invoke(main, ["load", "--bulk", str(tmp_path)],
                                env={"NEO4J_URI": "bolt://10.1.2.3:7687", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1
    assert "another server" in result.output and "graphbuild load" in result.output
    assert len(result.output.strip().splitlines()) == 1
