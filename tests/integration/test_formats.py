"""PDF and HTML documents in the graph: lines and pages as read (issue 19), every kind through the same load.
"""
from __future__ import annotations

import html


from unit.test_read import make_pdf

TEXT = """Referat
KKR Hovedstaden
Dato: 19-06-2020 10:00
Sted: Søhuset, Venlighedsvej 10, 2970 Hørsholm
Deltagere
Steen Christiansen (A), Albertslund Kommune (formand)
Karsten Søndergaard (C), Rudersdal Kommune (næstformand)
Afbud
Sophia Osterhammel (C), Gentofte Kommune
1. Godkendelse af dagsorden
Beslutning
Godkendt.
2. Udpegninger
Direktør for Movia, Dorthe Nøhr Pedersen, orienterede om økonomien.
"""


def as_html(text: str) -> bytes:
    rows = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = ("<!DOCTYPE html>\n<html><head><title>Referat</title><script>var x = 'Ole Hansen (A)';</script></head>\n"
            "<body>\n<div class=\"cookie-consent\">Vi bruger cookies <button>OK</button></div>\n"
            "<nav><ul><li>Forside</li><li>Byrådet</li></ul></nav>\n<main>\n" + rows + "\n</main>\n"
            "<footer>Kontakt: Rådhuset, 2970 Hørsholm</footer>\n</body></html>\n")
    return page.encode("utf-8")


def as_pdf(text: str) -> bytes:
    lines = text.splitlines()
    return make_pdf([lines[:9], lines[9:]])  # two pages: participants on the first, items on the second


def test_pdf_evidence_page_and_line_in_the_document_audit(empty_graph, tmp_path):
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import ingest
    from graphbuild.db.reports import get_report, run_report

    p = tmp_path / "referat-pdf-pages.pdf"
    p.write_bytes(as_pdf(TEXT))
    report = ingest([str(p)], GraphWriter(empty_graph))
    assert report.ok, report.failed
    _, rows = run_report(empty_graph, get_report("document-audit"), {"document": "referat-pdf-pages"})
    mem = [r for r in rows if r["fact"] == "membership" and r["subject"] == "Dorthe Nøhr Pedersen"]
    assert mem and (mem[0]["page"], mem[0]["page_line"]) == (2, 5), mem
    item = [r for r in rows if r["fact"] == "agenda item" and r["subject"] == "1"]
    assert item and (item[0]["page"], item[0]["page_line"]) == (2, 1)
    att = [r for r in rows if r["fact"] == "attendance" and r["subject"] == "Sophia Osterhammel"]
    assert att and (att[0]["page"], att[0]["page_line"]) == (1, 9)
    with empty_graph.session() as s:
        d = s.run("MATCH (d:Document) RETURN d.kind AS kind, toString(d.date) AS date, d.page_starts AS ps").single()
    assert (d["kind"], d["date"], d["ps"][0]) == ("referat", "2020-06-19", 1)


def test_a_member_page_and_a_news_item_are_loaded_with_their_kind(empty_graph, tmp_path):
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import ingest
    from unit.test_kinds import MEMBERS, NEWS, RECIPE

    (tmp_path / "members.html").write_bytes(as_html(MEMBERS))
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "recipe.txt").write_text(RECIPE, encoding="utf-8")
    report = ingest([str(tmp_path)], GraphWriter(empty_graph))
    assert [(p.split("/")[-1], r) for p, r in report.failed] == [
        ("recipe.txt", "states nothing to load: no meeting, no person in office and no known organisation found")]
    with empty_graph.session() as s:
        docs = {r["name"]: (r["kind"], r["date"]) for r in s.run(
            "MATCH (d:Document) RETURN split(d.path, '/')[-1] AS name, d.kind AS kind, toString(d.date) AS date")}
        people = {r["name"] for r in s.run("MATCH (p:Person) RETURN p.name AS name")}
        meetings = s.run("MATCH (m:Meeting) RETURN count(m) AS n").single()["n"]
    assert docs == {"members.html": ("members", None), "news.txt": ("news", "2018-03-08")}
    assert {"Henrik Fjeldgaard", "Ib Boye Lauritsen", "Ove Nørholm"} <= people
    assert meetings == 0  # a news item's date is not a meeting
