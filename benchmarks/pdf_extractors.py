"""Which PDF text layer reader: pypdf, pypdfium2 or pdfplumber?  Speed and the facts they give.

PDFs are made here from the five samples (fpdf2, one text line per sample line, long lines wrapped, a
Unicode TrueType font when the machine has DejaVu Sans, else Helvetica with the text cut to cp1252) and a
two-column page (fpdf2's text columns).  Nothing is written into the repository.

For each reader: seconds per pass over the sample PDFs (median of --repeat passes, text extraction only and
read -> structure -> extract), and how many facts of the .txt version the PDF version gives (mentions,
memberships, attendance, agenda items, meeting), and the reading order of the two-column page.

    .venv/bin/python benchmarks/pdf_extractors.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild.gazetteer import load_gazetteer  # noqa: E402
from graphbuild.nlp import extract  # noqa: E402
from graphbuild.read import PDF_BACKENDS, pdf_page_texts, read_bytes  # noqa: E402
from graphbuild.structure import structure  # noqa: E402

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
LEFT = ("Venstre spalte begynder her. Borgmester Anne Hansen (A) er formand for udvalget. "
        "Hun blev valgt på mødet den 5. januar. ") * 3
RIGHT = ("Højre spalte begynder her. Næstformand Bo Jensen (V) fra Vejen deltog også i mødet "
         "om budgettet. ") * 3


def _pdf(fpdf_cls, font):
    pdf = fpdf_cls(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    if font:
        pdf.add_font("U", "", str(font))
        pdf.set_font("U", size=9)
    else:
        pdf.set_font("Helvetica", size=9)
    return pdf


def _safe(text: str, font) -> str:
    return text if font else text.encode("cp1252", "replace").decode("cp1252")


def sample_pdf(text: str, font) -> bytes:
    from fpdf import FPDF

    pdf = _pdf(FPDF, font)
    pdf.add_page()
    for line in text.splitlines():
        line = _safe(line.replace("\t", "    "), font)
        if line.strip():
            pdf.multi_cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4.5)
    return bytes(pdf.output())


def two_column_pdf(font) -> bytes:
    from fpdf import FPDF

    pdf = _pdf(FPDF, font)
    pdf.add_page()
    with pdf.text_columns(ncols=2, gutter=10) as cols:
        cols.write(_safe(LEFT, font))
        cols.new_column()
        cols.write(_safe(RIGHT, font))
    return bytes(pdf.output())


def facts_key(f):
    return {
        "mentions": {m.name for m in f.mentions},
        "memberships": {(m.person.name, m.organization.surface, m.role, m.status) for m in f.memberships},
        "attendance": {(a.person.name, a.status) for a in f.attendance},
        "agenda_items": {(a.number, a.title) for a in f.agenda_items},
        "meeting": {(f.meeting.council.surface, f.meeting.date)} if f.meeting else set(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    font = next((f for f in FONTS if f.exists()), None)
    samples = sorted((ROOT / "data" / "samples").glob("*.txt"))
    pdfs, truth = [], []
    for p in samples:
        text = p.read_text(encoding="utf-8")
        pdfs.append((p.name, sample_pdf(text, font)))
        truth.append(facts_key(extract(structure(read_bytes(_safe(text, font).encode("utf-8"), p.name)),
                                       load_gazetteer())))
    two = two_column_pdf(font)
    print(f"font: {font or 'Helvetica (cp1252)'}; {len(pdfs)} sample PDFs, "
          f"{sum(len(b) for _, b in pdfs) / 1e6:.2f} MB, pages: "
          f"{sum(len(pdf_page_texts(b, n, 'pypdfium2')) for n, b in pdfs)}")
    print()
    print("| reader | text only, s (median) | read+structure+extract, s | facts of the .txt found | "
          "extra facts | two columns in order |")
    print("| --- | --- | --- | --- | --- | --- |")
    for backend in PDF_BACKENDS:
        t_text, t_all = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for n, b in pdfs:
                pdf_page_texts(b, n, backend)
            t_text.append(time.perf_counter() - t0)
        found = total = extra = 0
        per_kind = {}
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            got = [facts_key(extract(structure(read_bytes(b, n, pdf_backend=backend)), load_gazetteer()))
                   for n, b in pdfs]
            t_all.append(time.perf_counter() - t0)
        for g, want in zip(got, truth):
            for k in want:
                hit = len(g[k] & want[k])
                found += hit
                total += len(want[k])
                extra += len(g[k] - want[k])
                a, b_ = per_kind.get(k, (0, 0))
                per_kind[k] = (a + hit, b_ + len(want[k]))
        page = " ".join(pdf_page_texts(two, "two.pdf", backend)[0].split())
        li, ri = page.find("Venstre spalte"), page.find("Højre spalte")
        left_done = page.find("Højre spalte") > page.rfind("Venstre spalte") if li >= 0 and ri >= 0 else False
        order = "yes" if left_done else "no"
        kinds = ", ".join(f"{k} {a}/{b_}" for k, (a, b_) in per_kind.items())
        print(f"| {backend} | {statistics.median(t_text):.3f} | {statistics.median(t_all):.3f} | "
              f"{found}/{total} ({kinds}) | {extra} | {order} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
