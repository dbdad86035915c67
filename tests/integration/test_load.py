"""Loading against the real Neo4j: idempotence, replacement, isolation, count checks."""
from __future__ import annotations

import shutil
from pathlib import Path


from graphbuild.db.load import GraphWriter
from graphbuild.db.rows import DocumentRows
from graphbuild.pipeline import ingest
from graphbuild.resolve import load_judgements

from conftest import SAMPLES, graph_counts

REFERAT = SAMPLES / "kkr-hovedstaden-referat-2020-06-19.txt"


def one(driver, cypher, **params):
    with driver.session() as s:
        return [r.data() for r in s.run(cypher, params)]


def test_ingesting_the_samples_twice_changes_nothing(empty_graph):
    writer = GraphWriter(empty_graph)
    first = ingest([str(SAMPLES)], writer)
    assert first.ok, first.failed
    assert len(first.loaded) == 5
    after_first = graph_counts(empty_graph)
    assert after_first["nodes"]["Person"] > 50
    second = ingest([str(SAMPLES)], writer)
    assert second.ok
    assert len(second.unchanged) == 5 and not second.loaded
    assert second.nodes_created == 0 and second.relationships_created == 0
    assert graph_counts(empty_graph) == after_first


def test_same_facts_are_rewritten_without_duplicates_when_forced(empty_graph, tmp_path):
    """Even re-running the load statements themselves (not just skipping) creates nothing new."""
    copy = tmp_path / REFERAT.name
    shutil.copy(REFERAT, copy)
    writer = GraphWriter(empty_graph)
    assert ingest([str(copy)], writer).ok
    before = graph_counts(empty_graph)
    with empty_graph.session() as s:  # forget the document so the next ingest loads it again
        doc_id = s.run("MATCH (d:Document) RETURN d.doc_id AS id").single()["id"]
        s.run("MATCH (d:Document {doc_id: $id}) SET d.doc_id = 'stale-' + d.doc_id", id=doc_id).consume()
    again = ingest([str(copy)], writer)
    assert again.ok and again.replaced == [str(copy.absolute())]
    assert graph_counts(empty_graph) == before


def test_an_edited_document_replaces_its_facts(empty_graph, tmp_path):
    copy = tmp_path / "referat.txt"
    shutil.copy(REFERAT, copy)
    writer = GraphWriter(empty_graph)
    assert ingest([str(copy)], writer).ok
    assert one(empty_graph, "MATCH (p:Person {name: 'Jesper Würtzen'})-[a:ATTENDED]->() RETURN a.status AS s") == [{"s": "present"}]

    text = copy.read_text(encoding="utf-8").replace("Jesper Würtzen (A), Ballerup Kommune", "Jesper Andersen Würtz (A), Ballerup Kommune")
    copy.write_text(text, encoding="utf-8")
    report = ingest([str(copy)], writer)
    assert report.ok and len(report.replaced) == 1
    assert one(empty_graph, "MATCH (p:Person {name: 'Jesper Würtzen'}) RETURN p") == []
    assert one(empty_graph, "MATCH (p:Person {name: 'Jesper Andersen Würtz'})-[a:ATTENDED]->() RETURN a.status AS s") == [{"s": "present"}]
    assert one(empty_graph, "MATCH (d:Document) RETURN count(d) AS n") == [{"n": 1}]
    # No membership, item or decision is left without evidence.
    assert one(empty_graph, "MATCH (n) WHERE (n:Membership OR n:AgendaItem OR n:Decision) "
                            "AND NOT (n)-[:EVIDENCED_BY]->() RETURN count(n) AS n") == [{"n": 0}]


def test_a_broken_file_fails_alone(empty_graph, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(REFERAT, folder / "good.txt")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")  # truncated
    (folder / "empty.txt").write_bytes(b"")
    report = ingest([str(folder)], GraphWriter(empty_graph))
    failed = dict(report.failed)
    assert set(Path(p).name for p in failed) == {"broken.pdf", "empty.txt"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert len(report.loaded) == 1
    assert one(empty_graph, "MATCH (d:Document) RETURN d.path AS p") == [{"p": str((folder / "good.txt").absolute())}]


def test_a_row_dropped_by_a_match_is_an_error_and_rolls_the_document_back(empty_graph):
    writer = GraphWriter(empty_graph)
    writer.apply_schema()
    rows = DocumentRows("doc-x")
    rows.add("load_document", [dict(doc_id="doc-x", path="/x", kind="referat", title="x", layout="clean",
                                    encoding="utf-8", line_count=1)])
    rows.add("load_persons", [dict(person_id="person:x", name="X Y", aliases=[], merged_ids=[])])
    rows.add("load_memberships", [dict(membership_id="m:1", person_id="person:x", org_id="body:does-not-exist",
                                       role="medlem", status="member", date=None, line=1, quote="x",
                                       agenda_item_id=None)])
    outcome = writer.write_document(rows, "/x")
    assert outcome.status == "failed"
    assert "load_memberships" in outcome.reason and "1 rows given, 0 written" in outcome.reason
    assert one(empty_graph, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_ole_bondo_is_ole_bondo_christensen(samples_graph):
    rows = one(samples_graph, "MATCH (p:Person) WHERE p.name STARTS WITH 'Ole Bondo' OR 'Ole Bondo' IN p.aliases "
                              "RETURN p.name AS name, p.aliases AS aliases")
    assert len(rows) == 1
    assert rows[0]["name"] == "Ole Bondo Christensen"
    assert "Ole Bondo" in rows[0]["aliases"]


def test_no_person_twice(samples_graph):
    rows = one(samples_graph, "MATCH (p:Person) WITH toLower(p.name) AS n, count(*) AS c WHERE c > 1 RETURN n, c")
    assert rows == []


def test_every_fact_has_provenance(samples_graph):
    missing = one(samples_graph, """
        MATCH (n) WHERE n:Membership OR n:AgendaItem OR n:Decision
        OPTIONAL MATCH (n)-[e:EVIDENCED_BY]->(d:Document)
        WITH n, e, d WHERE e IS NULL OR e.line IS NULL OR e.line < 1 OR e.quote IS NULL OR e.line > d.line_count
        RETURN labels(n) AS l, count(*) AS n""")
    assert missing == []
    bad_rels = one(samples_graph, """
        MATCH ()-[r:ATTENDED|MEMBER_OF|CONCERNS|ABOUT_SEAT|ON_BEHALF_OF|REPRESENTS|REPLACES|APPOINTS]->()
        WHERE r.doc_id IS NULL OR r.line IS NULL OR r.quote IS NULL OR size(r.quote) > 300
           OR NOT EXISTS { MATCH (d:Document {doc_id: r.doc_id}) WHERE r.line <= d.line_count }
        RETURN type(r) AS t, count(*) AS n""")
    assert bad_rels == []
    assert one(samples_graph, "MATCH ()-[r:REPLACES]->() RETURN count(r) AS n")[0]["n"] > 0


def test_each_replacement_keeps_its_own_line_and_decision(empty_graph, tmp_path):
    """Jacob Netteberg enters the same committee twice, in place of two different people: each
    appointment shows its own predecessor and deciding meeting, and replacing one document removes
    exactly its own statements."""
    from graphbuild.db.reports import get_report, run_report

    first = tmp_path / "referat-2020-06-19.txt"
    shutil.copy(REFERAT, first)
    text = REFERAT.read_text(encoding="utf-8")
    second = tmp_path / "referat-2021-03-05.txt"
    second.write_text(text.replace("Dato: 19-06-2020", "Dato: 05-03-2021")
                          .replace("Gitte Kjær-Westermann (B) udtræder", "Mette Ravn Holm (B) udtræder"), encoding="utf-8")
    writer = GraphWriter(empty_graph)
    assert ingest([str(first), str(second)], writer).ok

    report = get_report("body-appointments")
    _, rows = run_report(empty_graph, report, {"body": "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden"})
    entering = {r["doc"].rsplit("/", 1)[-1]: r for r in rows if r["person"] == "Jacob Netteberg"}
    assert set(entering) == {first.name, second.name}, rows
    assert entering[first.name]["replaces"] == "Gitte Kjær-Westermann"
    assert entering[second.name]["replaces"] == "Mette Ravn Holm"
    assert str(entering[first.name]["decided_at"]) == "2020-06-19"
    assert str(entering[second.name]["decided_at"]) == "2021-03-05"
    assert entering[second.name]["party"] == "Radikale Venstre (B)"

    # The second meeting's minutes are corrected: nobody left the committee that day.
    second.write_text(text.replace("Dato: 19-06-2020", "Dato: 05-03-2021")
                          .replace("Gitte Kjær-Westermann (B) udtræder af samarbejdsudvalget vedr. psykologhjælp, og i stedet indtræder ",
                                   "Som tidligere meddelt sidder "), encoding="utf-8")
    assert ingest([str(first), str(second)], writer).ok
    left = one(empty_graph, """
        MATCH (:Person {name: 'Jacob Netteberg'})-[:HAS_MEMBERSHIP]->(:Membership)-[r:REPLACES]->()
              <-[:HAS_MEMBERSHIP]-(gone:Person)
        MATCH (d:Document {doc_id: r.doc_id})
        RETURN gone.name AS gone, d.path AS path""")
    assert [(x["gone"], x["path"].rsplit("/", 1)[-1]) for x in left] == [("Gitte Kjær-Westermann", first.name)]
    assert one(empty_graph, "MATCH (p:Person {name: 'Mette Ravn Holm'}) RETURN p") == []


def test_quotes_are_verbatim_lines_of_the_source(samples_graph):
    rows = one(samples_graph, """
        MATCH (x)-[e:EVIDENCED_BY]->(d:Document) RETURN d.path AS path, e.line AS line, e.quote AS quote LIMIT 300""")
    assert rows
    cache: dict[str, list[str]] = {}
    for r in rows:
        lines = cache.setdefault(r["path"], Path(r["path"]).read_text(encoding="utf-8").splitlines())
        # The quote is normalised text around that line (markdown and page furniture stripped, so compare
        # a word rather than the whole string); a sentence over two lines is quoted whole and may start
        # on the (non-blank) line before the one where the person's name starts; pdftotext-style files put
        # a blank line between text lines.
        first_word = r["quote"].split()[0].strip("*#|<>")
        window = " ".join(lines[max(0, r["line"] - 4) : r["line"] + 2])
        assert first_word[:4] in window, (r, window)


def test_a_not_same_judgement_keeps_two_people_apart(empty_graph, tmp_path):
    judgements = tmp_path / "judgements.csv"
    judgements.write_text("name_a,name_b,decision,note\nOle Bondo,Ole Bondo Christensen,not-same,test\n", encoding="utf-8")
    report = ingest([str(SAMPLES)], GraphWriter(empty_graph), judgements=load_judgements(str(judgements)))
    assert report.ok
    names = {r["name"] for r in one(empty_graph, "MATCH (p:Person) WHERE p.name STARTS WITH 'Ole Bondo' RETURN p.name AS name")}
    merged = one(empty_graph, "MATCH (p:Person {name: 'Ole Bondo Christensen'}) RETURN p.aliases AS a")
    assert "Ole Bondo" not in (merged[0]["a"] if merged else [])
    # "Ole Bondo" is either its own person or kept as an unresolved mention; never merged.
    unresolved = one(empty_graph, "MATCH (u:UnresolvedMention {name: 'Ole Bondo'}) RETURN count(u) AS n")[0]["n"]
    assert "Ole Bondo" in names or unresolved > 0


def test_schema_is_sent_only_when_something_is_missing(driver):
    """Every ingest checks the schema; when every constraint and index exists and is online nothing is
    sent (a re-ingest of one document should not pay ~20 statements), and a dropped one comes back."""
    from graphbuild.db.load import schema_names

    writer = GraphWriter(driver)
    writer.apply_schema()
    assert writer.apply_schema() is False
    with driver.session() as s:
        s.run("DROP INDEX meeting_date IF EXISTS").consume()
        s.run("DROP CONSTRAINT person_id IF EXISTS").consume()
    assert writer.apply_schema() is True
    constraints, indexes = schema_names()
    with driver.session() as s:
        have_c = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
        have_i = {r["name"]: r["state"] for r in s.run("SHOW INDEXES YIELD name, state")}
    assert constraints <= have_c and {"person_id", "meeting_date"} <= set(have_i)
    assert all(have_i[n] == "ONLINE" for n in constraints | indexes)
    assert writer.apply_schema() is False
    assert writer.apply_schema(force=True) is True


class CountingWriter(GraphWriter):
    """The real writer, counting how often the run asked the graph for its known people."""

    known_persons_calls = 0

    def known_persons(self, **kwargs):
        self.known_persons_calls += 1
        return super().known_persons(**kwargs)


def test_an_unchanged_reingest_reads_no_people(empty_graph):
    writer = CountingWriter(empty_graph)
    assert ingest([str(REFERAT)], writer).ok
    assert writer.known_persons_calls == 1
    again = ingest([str(REFERAT)], writer)
    assert again.unchanged == [str(REFERAT.absolute())] and again.ok
    assert writer.known_persons_calls == 1


def test_a_same_judgement_merges_two_people_already_in_the_graph_without_new_documents(empty_graph, tmp_path):
    """A curator decides later that two people in the graph are one: re-running the ingest with that
    judgement merges them, although every document is unchanged (nothing is re-extracted)."""
    assert ingest([str(REFERAT)], GraphWriter(empty_graph)).ok
    people = one(empty_graph, """MATCH (p:Person)-[:ATTENDED]->() WITH p, count(*) AS n
                                 RETURN p.person_id AS id, p.name AS name ORDER BY name LIMIT 2""")
    (a, b) = people
    judgements = tmp_path / "judgements.csv"
    judgements.write_text(f"name_a,name_b,decision,note\n{a['name']},{b['name']},same,test\n", encoding="utf-8")
    attended = ("MATCH (p:Person)-[r:ATTENDED]->(m:Meeting) WHERE p.person_id IN $ids "
                "RETURN DISTINCT m.meeting_id AS meeting, r.doc_id AS doc ORDER BY meeting, doc")
    before = one(empty_graph, attended, ids=[a["id"], b["id"]])
    report = ingest([str(REFERAT)], GraphWriter(empty_graph), judgements=load_judgements(str(judgements)))
    assert report.ok and report.unchanged and not report.loaded
    left = one(empty_graph, "MATCH (p:Person) WHERE p.person_id IN $ids "
                            "RETURN p.person_id AS id, p.name AS name, p.merged_ids AS merged, p.aliases AS aliases",
               ids=[a["id"], b["id"]])
    assert len(left) == 1, left
    gone = a if left[0]["id"] == b["id"] else b
    assert gone["id"] in (left[0]["merged"] or []) and gone["name"] in (left[0]["aliases"] or []), left
    assert one(empty_graph, attended, ids=[left[0]["id"]]) == before  # the meetings both attended are kept's now
