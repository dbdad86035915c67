"""The same text as .txt, .html and .pdf gives the same facts (issue 13); HTML lines keep their source line,
chrome is dropped; PDF lines know their page and line on the page (issue 19).  The graph side is in
tests/integration/test_formats.py.
"""
from __future__ import annotations

import html
import json

import pytest

from graphbuild.gazetteer import load_gazetteer
from graphbuild.nlp import extract
from graphbuild.read import pdf_page_texts, read_bytes
from graphbuild.structure import structure
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


def key(f):
    return {
        "kind": f.kind,
        "meeting": (f.meeting.council.surface, f.meeting.date, f.meeting.time, f.meeting.location) if f.meeting else None,
        "items": sorted((a.number, a.title) for a in f.agenda_items),
        "decisions": sorted((d.item_number, d.text, d.outcome) for d in f.decisions),
        "attendance": sorted((a.person.name, a.status, a.person.party, a.person.municipality, a.role)
                             for a in f.attendance),
        "memberships": sorted((m.person.name, m.organization.surface, m.role, m.status, m.party)
                              for m in f.memberships),
        "mentions": sorted(m.name for m in f.mentions),
        "quotes": sorted(m.evidence.quote for m in f.mentions),
    }


def facts(data: bytes, name: str):
    return extract(structure(read_bytes(data, name)), load_gazetteer())


def test_same_text_as_txt_html_and_pdf_gives_the_same_facts():
    txt = facts(TEXT.encode("utf-8"), "referat.txt")
    htm = facts(as_html(TEXT), "referat.html")
    pdf = facts(as_pdf(TEXT), "referat.pdf")
    want = key(txt)
    assert want["meeting"] == ("KKR Hovedstaden", "2020-06-19", "10:00", "Søhuset, Venlighedsvej 10, 2970 Hørsholm")
    assert ("Sophia Osterhammel", "absent", "C", "157", None) in want["attendance"]
    assert ("Dorthe Nøhr Pedersen", "Movia", "direktør", "member", None) in want["memberships"]
    assert key(htm) == want
    assert key(pdf) == want


def test_html_lines_are_the_source_lines_of_their_elements_and_chrome_is_dropped():
    src = read_bytes(as_html(TEXT), "referat.html")
    assert src.layout == "html"
    text = [ln.text for ln in src.lines]
    assert "Vi bruger cookies" not in " ".join(text) and "Forside" not in text and "Ole Hansen (A)" not in " ".join(text)
    assert not any("Kontakt" in t for t in text)
    raw = as_html(TEXT).decode("utf-8").splitlines()
    for ln in src.lines:  # every line is found on the source line it names
        assert html.escape(ln.text, quote=False) in raw[ln.line - 1] or ln.text in html.unescape(raw[ln.line - 1])


def test_html_table_rows_and_list_items_become_lines():
    page = ("<html><body>\n<h1>Sundhedskoordinationsudvalget</h1>\n<ul>\n<li>Henrik Fjeldgaard (A) (formand)</li>\n"
            "<li>Annette <b>Roed</b> (A)</li></ul>\n<table>\n<tr><td>Dato:</td><td>15. april 2021</td></tr>\n"
            "<tr><th>Sted:</th>\n<td>Byrådssalen</td></tr>\n</table>\n<p>Første linje<br>Anden linje</p>\n</body></html>")
    src = read_bytes(page.encode("utf-8"), "side.htm")
    got = [(ln.line, ln.text) for ln in src.lines]
    assert got == [(2, "Sundhedskoordinationsudvalget"), (4, "Henrik Fjeldgaard (A) (formand)"), (5, "Annette Roed (A)"),
                   (7, "Dato: | 15. april 2021"), (8, "Sted: | Byrådssalen"), (11, "Første linje"),
                   (11, "Anden linje")]


def test_html_in_cp1252_without_a_charset_is_read():
    page = "<html><body><p>Næstformand Bo Jensen (V), Vejen</p></body></html>".encode("cp1252")
    assert [ln.text for ln in read_bytes(page, "x.html").lines] == ["Næstformand Bo Jensen (V), Vejen"]


def test_pdf_lines_know_their_page_and_line_on_the_page():
    src = read_bytes(as_pdf(TEXT), "referat.pdf")
    by = {ln.text: ln for ln in src.lines}
    assert (by["Referat"].page, by["Referat"].page_line) == (1, 1)
    assert (by["1. Godkendelse af dagsorden"].page, by["1. Godkendelse af dagsorden"].page_line) == (2, 1)
    assert (by["Godkendt."].page, by["Godkendt."].page_line) == (2, 3)
    assert src.page_starts == [1, by["1. Godkendelse af dagsorden"].line]
    f = extract(structure(src), load_gazetteer())
    dorthe = next(m for m in f.memberships if m.person.name == "Dorthe Nøhr Pedersen")
    assert (dorthe.evidence.page, dorthe.evidence.page_line) == (2, 5)
    row = json.loads(json.dumps(f.to_dict()))
    assert {"page": 2, "page_line": 5} .items() <= next(
        m["evidence"] for m in row["memberships"] if m["person"]["name"] == "Dorthe Nøhr Pedersen").items()


def test_pdf_reading_order_of_two_columns_left_first():
    fpdf = pytest.importorskip("fpdf")  # a dev dependency (pyproject [dev])
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.text_columns(ncols=2, gutter=10) as cols:
        cols.write("Venstre spalte: Borgmester Anne Hansen er formand. " * 4)
        cols.new_column()
        cols.write("Hoejre spalte: Naestformand Bo Jensen deltog. " * 4)
    text = " ".join(pdf_page_texts(bytes(pdf.output()), "two.pdf")[0].split())
    assert text.rfind("Venstre spalte") < text.find("Hoejre spalte")
