"""Facts files, grouped statements and the extract command's pieces (no database; docs/scaling.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.db.grouped import grouped_statement, merged_rows, plan_groups, statement_order
from graphbuild.db.rows import DocumentRows
from graphbuild.db.statements import cypher_dir, statement
from graphbuild.errors import GraphbuildError, InputError
from graphbuild.pipeline import discover, document_path, extract_many
from graphbuild.scale.facts import extracted_of, read_facts, record_of
from graphbuild.scale.run import expand

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
LOAD_STATEMENTS = sorted(p.stem for p in cypher_dir().glob("load_*.cypher"))


@pytest.fixture(scope="module")
def samples_extracted():
    return extract_many([document_path(f) for f in discover([str(SAMPLES)]).files], workers=1)


@pytest.mark.parametrize("name", LOAD_STATEMENTS)
def test_every_load_statement_has_a_grouped_form_reading_the_document_from_the_row(name):
    text = grouped_statement(name)
    assert "$doc_id" not in text and "UNWIND $rows AS r" in text
    if "$doc_id" in statement(name):
        assert "r.doc_id" in text and text.count("r.doc_id") >= statement(name).count("$doc_id")


def test_a_statement_reading_doc_id_before_its_unwind_cannot_be_grouped(monkeypatch, tmp_path):
    from graphbuild.db import grouped, statements

    (tmp_path / "load_bad.cypher").write_text("MATCH (d:Document {doc_id: $doc_id})\nUNWIND $rows AS r\n"
                                              "MERGE (x:X {id: r.id})\nRETURN count(*) AS written\n")
    monkeypatch.setattr(statements, "cypher_dir", lambda: tmp_path)
    statements.statement.cache_clear()
    grouped.grouped_statement.cache_clear()
    try:
        with pytest.raises(GraphbuildError, match="cannot be grouped"):
            grouped_statement("load_bad")
    finally:
        statements.statement.cache_clear()
        grouped.grouped_statement.cache_clear()


def test_merged_rows_keep_each_documents_statement_order_and_tag_rows_with_their_document():
    a = DocumentRows("a", [("load_document", [{"doc_id": "a"}]), ("load_persons", [{"person_id": "p1"}]),
                           ("load_memberships", [{"m": 1}])])
    b = DocumentRows("b", [("load_document", [{"doc_id": "b"}]), ("load_meeting", [{"meeting_id": "x"}]),
                           ("load_memberships", [{"m": 2}]), ("load_attendance", [{"x": 1}])])
    order = statement_order([a, b])
    assert sorted(order) == sorted({n for d in (a, b) for n, _ in d.batches})
    for d in (a, b):  # every document's own order kept
        names = [n for n, _ in d.batches]
        assert sorted(names, key=order.index) == names
    merged = dict(merged_rows([a, b]))
    assert merged["load_memberships"] == [{"m": 1, "doc_id": "a"}, {"m": 2, "doc_id": "b"}]
    assert a.batches[2][1] == [{"m": 1}]  # the document's own rows are not changed


def test_groups_fill_up_to_the_row_budget_and_a_big_document_goes_alone():
    assert plan_groups([10, 10, 10, 10], max_rows=25) == [range(0, 2), range(2, 4)]
    assert plan_groups([5, 100, 5], max_rows=25) == [range(0, 1), range(1, 2), range(2, 3)]
    assert plan_groups([1] * 5, max_rows=100, max_docs=2) == [range(0, 2), range(2, 4), range(4, 5)]
    assert plan_groups([]) == []


def test_a_facts_record_reads_back_as_the_same_extraction(samples_extracted):
    assert len(samples_extracted) == 5 and not any(e.error for e in samples_extracted)
    for e in samples_extracted:
        back = extracted_of(json.loads(json.dumps(record_of(e))), "x:1")
        assert back.facts == e.facts
        assert (back.layout, back.encoding, back.line_count, back.page_starts) == \
               (e.layout, e.encoding, e.line_count, e.page_starts)


def test_facts_of_another_schema_version_or_not_facts_fail_by_line(tmp_path, samples_extracted):
    good = record_of(samples_extracted[0])
    f = tmp_path / "facts.jsonl"
    f.write_text("\n".join([json.dumps(good), json.dumps({**good, "schema_version": 1}), "{not json",
                            json.dumps({"schema_version": good["schema_version"], "doc_id": "x"})]) + "\n")
    got = list(read_facts([f]))
    assert got[0][0].facts.doc_id == good["doc_id"] and got[0][2] is None
    assert got[1][0] is None and got[1][1] == f"{f}:2" and "schema_version 1" in got[1][2]
    assert got[2][1] == f"{f}:3" and "not JSON" in got[2][2]
    assert got[3][1] == f"{f}:4" and "not a facts record" in got[3][2]


def test_a_facts_folder_without_parts_is_refused(tmp_path):
    with pytest.raises(InputError, match="no facts files"):
        list(read_facts([tmp_path]))


def test_globs_and_file_lists_expand(tmp_path):
    for name in ("a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text("x")
    got = expand([str(tmp_path / "*.txt")], [str(tmp_path / "c.md") + "\n", "# a comment\n", "\n"])
    assert got == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.md")]
    assert expand([str(tmp_path / "*.pdf")]) == [str(tmp_path / "*.pdf")]  # no match: reported by discover
