"""Issue 14: votes loaded into a real Neo4j, the two vote reports, and retraction (dev-corpus documents)."""
from __future__ import annotations

from pathlib import Path


DEV = Path(__file__).resolve().parents[1] / "corpus" / "dev"


# ------------------------------------------------------------------ votes in the graph, the reports, retraction
def test_votes_are_loaded_reported_and_retracted(empty_graph):
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import file_digest, ingest
    from graphbuild.db.reports import get_report, run_report

    docs = [next(DEV.glob(f"{n}_*.txt")) for n in ("29", "62", "72")]
    report = ingest([str(p) for p in docs], GraphWriter(empty_graph))
    assert report.ok, report.failed

    def rows(name, **params):
        r = get_report(name)
        return run_report(empty_graph, r, r.convert(params))[1]

    el = rows("votes-of-party", party="Enhedslisten")  # written "EL" in 72, "Ø" in 62
    got = sorted((r["position"], r["for_count"], r["voted_as"] or "") for r in el)
    assert got == [("against", 20, ""), ("against", 20, "Henriette Brandt Pedersen"), ("against", 43, ""),
                   ("against", 47, ""), ("for", 16, ""), ("for", 16, "")], got  # 29: Ø voted for the mayor too
    assert all(r["quote"] and r["line"] for r in el)
    mayor = rows("council-item-votes", council="Byrådet", title="borgmester")
    assert {(r["position"], r["voter"]) for r in mayor} >= {("for", "Socialdemokratiet"), ("abstained", "Venstre"),
                                                           ("abstained", "L")}  # L: a local list, as written
    assert {r["count"] for r in mayor if r["position"] == "for"} == {16}
    with empty_graph.session() as s:
        named = s.run("MATCH (p:Person)-[b:VOTED]->(v:Vote)-[:EVIDENCED_BY]->(d:Document {doc_id: $d}) "
                      "RETURN b.position AS position, p.name AS name", d=file_digest(docs[1])).data()
    assert {"position": "against", "name": "Henriette Brandt Pedersen"} in named and len(named) == 26

    GraphWriter(empty_graph).retract_document(file_digest(docs[2]))
    with empty_graph.session() as s:
        left = s.run("MATCH (v:Vote) RETURN count(v) AS n").single()["n"]
        voted = s.run("MATCH ()-[b:VOTED]->() WHERE b.doc_id = $d RETURN count(b) AS n", d=file_digest(docs[2])).single()["n"]
    assert left == 2 and voted == 0  # 29's and 62's votes stay, 72's three are gone
