"""The rows the code builds and the `// Rows: {...}` headers of the statements that take them agree.

Every load statement (cypher/load_*.cypher), the reference data's and the settle statements: the keys of
every row the code builds for the samples and the development corpus are exactly the keys the header names
(a key whose note says "optional" may be left out), and the statement reads no row key its header does not
name. A key added on one side only fails here, before it reaches a database.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from graphbuild.db.load import settle_rows
from graphbuild.db.reference import curated_org_ids, reference_rows
from graphbuild.db.rows import document_rows
from graphbuild.db.statements import cypher_dir, row_keys, statement
from graphbuild.gazetteer import load_gazetteer
from graphbuild.pipeline import discover, extract_many
from graphbuild.resolve import Resolver

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT / "data" / "samples", ROOT / "tests" / "corpus" / "dev"]
ROW_STATEMENTS = sorted(p.stem for p in cypher_dir().glob("*.cypher")
                        if p.stem.startswith(("load_", "reference_", "settle_")))


@pytest.fixture(scope="module")
def built_rows() -> dict[str, list[dict]]:
    """statement name -> every row the code builds for it (samples, dev corpus, reference data, settling)."""
    gaz = load_gazetteer()
    out: dict[str, list[dict]] = defaultdict(list)
    for corpus in CORPORA:
        extracted = [e for e in extract_many([str(p) for p in discover([str(corpus)]).files], workers=1)
                     if not e.error]
        resolved = Resolver(gaz).resolve_all([e.facts for e in extracted]).documents
        for e, r in zip(extracted, resolved):
            rows = document_rows(r, curated_org_ids(gaz), e.layout, e.encoding, e.line_count, e.page_starts)
            for name, batch in rows.batches:
                out[name] += batch
    regions, municipalities, orgs = reference_rows(gaz)
    out["reference_regions"] += regions
    out["reference_municipalities"] += municipalities
    out["load_organizations"] += orgs
    for name in ("settle_agenda_items", "settle_decisions", "settle_meetings"):
        out[name] += settle_rows({"some-id", "another-id"})
    return out


def test_there_are_load_statements():
    assert "load_document" in ROW_STATEMENTS and "reference_regions" in ROW_STATEMENTS and len(ROW_STATEMENTS) > 20


def drift(name: str, rows: list[dict]) -> list[str]:
    """Every row whose keys are not the ones statement `name`'s header names."""
    keys, optional = row_keys(name)
    out = []
    for row in rows:
        missing, extra = keys - optional - set(row), set(row) - keys
        if missing or extra:
            out.append(f"cypher/{name}.cypher: header keys {sorted(keys)}; a row built by the code lacks "
                       f"{sorted(missing)} and has unnamed {sorted(extra)}: {row}")
    return out


@pytest.mark.parametrize("name", ROW_STATEMENTS)
def test_rows_have_the_keys_the_header_names(name, built_rows):
    rows = built_rows.get(name)
    assert rows, f"cypher/{name}.cypher: no code builds rows for it on the samples and the dev corpus"
    problems = drift(name, rows)
    assert not problems, problems[0]


@pytest.mark.parametrize("name", ROW_STATEMENTS)
def test_the_statement_reads_only_header_keys(name):
    keys, _ = row_keys(name)
    body = "\n".join(line for line in statement(name).splitlines() if not line.strip().startswith("//"))
    read = set(re.findall(r"\br\.(\w+)", body))
    assert read <= keys, f"cypher/{name}.cypher reads r.{sorted(read - keys)} that its // Rows: header does not name"


def test_a_drifted_header_is_caught(tmp_path, monkeypatch):
    """The check itself: a header lacking a key the rows carry is reported (not a vacuous pass)."""
    from graphbuild.db import statements

    text = statement("load_mentioned").replace("{person_id, line, quote}", "{person_id, line}")
    assert text != statement("load_mentioned")
    (tmp_path / "load_mentioned.cypher").write_text(text, encoding="utf-8")
    monkeypatch.setattr(statements, "cypher_dir", lambda: tmp_path)
    statements.statement.cache_clear()
    try:
        problems = drift("load_mentioned", [dict(person_id="person:1", line=3, quote="Jens Hansen (A)")])
    finally:
        statements.statement.cache_clear()
    assert len(problems) == 1 and "unnamed ['quote']" in problems[0]
