"""Saved reports (queries/*.cypher) as files: headers parse, statements are read-only and parameterised,
the docs describe every one.  (Running them against a real Neo4j: tests/integration/test_reports.py.)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.reports import ReportError, list_reports, parse_report

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "queries"

EXPECTED_REPORTS = {
    "who-represents", "seats-of-person", "body-appointments", "council-members-at-meeting",
    "attendance-rate", "meeting-decisions", "items-concerning", "interlocks", "party-balance",
    "health-clusters", "document-audit", "data-quality", "municipality-profile",
}


# ------------------------------------------------------------------ the files themselves (no database)
def test_every_report_parses_with_question_params_and_columns():
    reports = {r.name: r for r in list_reports()}
    assert EXPECTED_REPORTS <= set(reports), EXPECTED_REPORTS - set(reports)
    for f in sorted(QUERIES.glob("*.cypher")):
        r = parse_report(f)
        assert r.name == f.stem, f
        assert r.question and r.question.endswith("?"), f
        assert r.columns, f"{f}: no // columns: line"
        for p in r.params:
            # An optional parameter may default to null (no filter: e.g. date, "valid at"); others need an example.
            assert p.example not in (None, "") or p.optional, f"{f}: parameter {p.name} has no example"
            assert f"${p.name}" in r.cypher, f"{f}: parameter {p.name} is not used as ${p.name}"
            assert p.description, f"{f}: parameter {p.name} has no description"


def test_reports_are_read_only_and_parameterised():
    write_words = ("CREATE ", "MERGE ", "DELETE ", "SET ", "REMOVE ", "DROP ", "LOAD CSV", "apoc.")
    for f in sorted(QUERIES.glob("*.cypher")):
        body = "\n".join(l for l in f.read_text(encoding="utf-8").splitlines() if not l.strip().startswith("//"))
        upper = body.upper()
        for w in write_words:
            assert w.upper() not in upper, f"{f}: contains {w!r}"
        assert not re.search(r"\$\w+\s*\+|\+\s*\$\w+", body), f"{f}: builds text from a parameter"


def test_docs_describe_every_report():
    text = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    for r in list_reports():
        if r.path.parent.resolve() != QUERIES.resolve():
            continue
        assert f"## {r.name}" in text, r.name
        assert f"graphbuild report run {r.name}" in text, r.name


def test_optional_parameter_takes_its_default(tmp_path):
    f = tmp_path / "top-people.cypher"
    f.write_text("// name: top-people\n// question: Who?\n// param: limit int? 5 how many\n"
                 "// param: name string \"A\" who\n// columns: x\nRETURN $limit AS x, $name AS y\n", encoding="utf-8")
    r = parse_report(f)
    limit, name = r.params
    assert limit.optional and limit.example == 5 and not name.optional
    assert r.convert({"name": "B"}) == {"limit": 5, "name": "B"}
    assert r.convert({"name": "B", "limit": "7"}) == {"limit": 7, "name": "B"}
    with pytest.raises(ReportError, match="needs parameter 'name'"):
        r.convert({})
    assert limit.signature == "limit (int, optional, default 5)"
    f.write_text("// name: top-people\n// question: Who?\n// param: limit int? many how many\n", encoding="utf-8")
    with pytest.raises(ReportError, match="limit"):
        parse_report(f)


# ------------------------------------------------------------------ report list --format json
def test_report_list_json_gives_each_parameter_as_an_object(tmp_path):
    """name, type, optional, example (the default, for an optional one) and description, from the header."""
    (tmp_path / "mine.cypher").write_text(
        "// name: mine\n// question: Which $n documents?\n"
        "// param: n int? 25 how many rows\n// param: kind string \"referat\" the document kind\n"
        "MATCH (d:Document {kind: $kind}) RETURN d.path AS path LIMIT $n\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--reports-dir", str(tmp_path), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = {r["name"]: r for r in json.loads(result.stdout)}
    assert listed["mine"] == {"name": "mine", "question": "Which $n documents?", "parameters": [
        {"name": "n", "type": "int", "optional": True, "example": 25, "description": "how many rows"},
        {"name": "kind", "type": "string", "optional": False, "example": "referat", "description": "the document kind"}]}
    assert listed["who-represents"]["parameters"][0] == {
        "name": "municipality", "type": "string", "optional": False, "example": "Rudersdal",
        "description": listed["who-represents"]["parameters"][0]["description"]}
    assert listed["who-represents"]["parameters"][0]["description"]
    # Every bundled report: one object per `// param:` header line, in order, with its type and optionality.
    for path in sorted(QUERIES.glob("*.cypher")):
        lines = re.findall(r"^// param: (\w+) (\w+)(\??) ", path.read_text(encoding="utf-8"), re.M)
        params = listed[path.stem]["parameters"]
        assert [(p["name"], p["type"], p["optional"]) for p in params] == [(n, t, q == "?") for n, t, q in lines]
        assert all(set(p) == {"name", "type", "optional", "example", "description"} for p in params)
