"""read: decoding, layout detection, normalisation with original line numbers, PDFs, errors."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.errors import InputError
from graphbuild.read import read_bytes, read_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
FIXTURES = Path(__file__).resolve().parents[1] / "data"
ALL_SAMPLES = sorted(SAMPLES.glob("*.txt"))
PDF2021 = SAMPLES / "kkr-hovedstaden-dagsorden-2021-06-16.txt"


def texts(src):
    return [ln.text for ln in src.lines]


def rb(text: str, name: str = "x.txt"):
    return read_bytes(text.encode("utf-8"), name)


# ------------------------------------------------------------------ helpers: a PDF made by hand
def _pdf_escape(s: str) -> bytes:
    out = bytearray()
    for b in s.encode("cp1252"):
        if b in b"()\\":
            out += b"\\" + bytes([b])
        elif b < 32 or b > 126:
            out += b"\\%03o" % b
        else:
            out.append(b)
    return bytes(out)


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry; an empty list gives a page without text."""
    objs: list[bytes] = []
    n_pages = len(pages)
    font_id = 3
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objs.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        content = bytearray()
        if lines:
            content += b"BT /F1 11 Tf 14 TL 50 800 Td\n"
            for ln in lines:
                content += b"(" + _pdf_escape(ln) + b") Tj T*\n"
            content += b"ET\n"
        else:
            content += b"0 0 1 rg 100 100 200 200 re f\n"  # a drawing, no text
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
            b"/Contents %d 0 R >>" % (font_id, page_ids[i] + 1)
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + bytes(content) + b"endstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# ------------------------------------------------------------------ samples
@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_samples_read(path):
    src = read_document(path)
    data = path.read_bytes()
    assert src.doc_id == hashlib.sha256(data).hexdigest()
    assert src.encoding == "utf-8"
    assert src.lines
    nums = [ln.line for ln in src.lines]
    assert nums == sorted(nums) and len(set(nums)) == len(nums)
    assert all(1 <= n <= src.original_line_count for n in nums)
    raw = data.decode("utf-8").splitlines()
    for ln in src.lines:  # no empty lines, no doubled/trailing spaces
        assert ln.text == ln.text.strip() and ln.text and "  " not in ln.text
        assert raw[ln.line - 1].strip(), "a Line points at an empty original line"


def test_layouts():
    layouts = {p.name: read_document(p).layout for p in ALL_SAMPLES}
    assert layouts == {
        "kkr-hovedstaden-dagsorden-2021-06-16.txt": "pdftotext",
        "kkr-hovedstaden-dagsorden-2023-04-21.txt": "clean",
        "kkr-hovedstaden-dagsorden-2023-09-08.txt": "clean",
        "kkr-hovedstaden-referat-2020-06-19.txt": "clean",
        "kkr-sjaelland-bilag-2022.txt": "markdown",
    }


def test_pdftotext_sample_repairs():
    src = read_document(PDF2021)
    by_text = {ln.text: ln.line for ln in src.lines}
    assert by_text["KKR HOVEDSTADEN"] == 44
    joined = next(ln for ln in src.lines if ln.text.startswith("Referat af møde i KKR Hovedstaden den 19. april"))
    assert joined.line == 65
    assert "medlemmerne via Prepare" in joined.text and "hjemmeside." in joined.text
    assert by_text["3.2. Aftale med Region Hovedstaden om IV-behandling i kommunalt regi"] == 239
    assert any("valgperioden 2018-2021 er udarbejdet" in t for t in by_text)  # number hyphen kept
    assert any("KKR-sekretariatet" in t for t in by_text)


# ------------------------------------------------------------------ hyphenation
def test_hyphen_dropped_inside_word():
    src = rb("Referatet er sendt til med-\nlemmerne i dag.\n")
    assert texts(src) == ["Referatet er sendt til medlemmerne i dag."]
    assert src.lines[0].line == 1


def test_hyphen_across_blank_lines_keeps_first_number():
    src = rb("Intro\n\nsendt til med-\n\nlemmerne og\n\nandre\n")
    assert [(ln.text, ln.line) for ln in src.lines] == [
        ("Intro", 1), ("sendt til medlemmerne og", 3), ("andre", 7)]


@pytest.mark.parametrize("text,expected", [
    ("Borgmester i Lyngby-\nTaarbæk Kommune", ["Borgmester i Lyngby-Taarbæk Kommune"]),
    ("KKR-\nformandskabet har besluttet", ["KKR-formandskabet har besluttet"]),
    ("i perioden 2021-\n2022 og frem", ["i perioden 2021-2022 og frem"]),
    ("Sundheds-\nog omsorgsborgmester", ["Sundheds-", "og omsorgsborgmester"]),
    ("Sundheds- og omsorgsborgmester", ["Sundheds- og omsorgsborgmester"]),
    ("ældre-, social- eller sundheds-\neller beskæftigelsesområdet", ["ældre-, social- eller sundheds-", "eller beskæftigelsesområdet"]),
    ("Her er en tankestreg -\nog så videre", ["Her er en tankestreg -", "og så videre"]),
    ("Institutet for Blinde og Svagsy- nede", ["Institutet for Blinde og Svagsynede"]),
    ("ét af VIP- klimaprojekterne", ["ét af VIP-klimaprojekterne"]),
    ("test- og innovationsmiljøer", ["test- og innovationsmiljøer"]),
])
def test_hyphenation_rules(text, expected):
    assert texts(rb(text)) == expected


# ------------------------------------------------------------------ letter spacing, whitespace
def test_letter_spaced_heading():
    assert texts(rb("K K R  H O V E D S T A D E N  \n")) == ["KKR HOVEDSTADEN"]
    assert texts(rb("D A G S O R D E N\n")) == ["DAGSORDEN"]


def test_ordinary_text_not_collapsed():
    assert texts(rb("Der er 3 a 4 punkter i alt\n")) == ["Der er 3 a 4 punkter i alt"]


def test_whitespace_and_empty_lines():
    src = rb("  a   b  \n\n\n\t\nc\u00a0\u00a0d\n")
    assert [(ln.text, ln.line) for ln in src.lines] == [("a b", 1), ("c d", 5)]


def test_lines_are_not_joined():
    assert texts(rb("Første linje uden\nbindestreg fortsætter\n")) == ["Første linje uden", "bindestreg fortsætter"]


# ------------------------------------------------------------------ markdown / HTML
def test_markdown_and_html_stripped():
    md = (
        "## **2.1**\n"
        "### *Temadrøftelse: Sundhed*\n"
        "<b>Region Nord</b>\t\n"
        "<i>Sundhedsklynge</i>\t<i>Deltagende kommuner</i>\n"
        "Se [www.kl.dk](http://www.kl.dk) og mail [asfp@kl.dk](mailto:asfp@kl.dk)<br>tak\n"
        "| Kommune | Klynge |\n"
        "|---|---|\n"
        "| Faxe | Køge |\n"
        "R&amp;D &lt;3 __fed__ tekst\n"
        "KL'S BUD PR. 1. JULI 2022\\*\n"
    )
    assert texts(read_bytes(md.encode(), "b.md")) == [
        "2.1",
        "Temadrøftelse: Sundhed",
        "Region Nord",
        "Sundhedsklynge | Deltagende kommuner",
        "Se www.kl.dk og mail asfp@kl.dk tak",
        "Kommune | Klynge",
        "Faxe | Køge",
        "R&D <3 fed tekst",
        "KL'S BUD PR. 1. JULI 2022*",
    ]
    assert read_bytes(md.encode(), "b.md").layout == "markdown"


def test_inline_markdown_in_clean_text():
    src = rb("Referater kan læses [her](#).\n./. *Afrapportering: Resultatkontrakt 2022*\noplyste fra **Movia**, at\n")
    assert texts(src) == ["Referater kan læses her.", "./. Afrapportering: Resultatkontrakt 2022", "oplyste fra Movia, at"]


def test_bilag_sample_markdown():
    src = read_document(SAMPLES / "kkr-sjaelland-bilag-2022.txt")
    t = texts(src)
    assert "2.1 Temadrøftelse: Forberedelse af nye sundhedsklynger" in t
    assert "Bilag 1: Borgmesterbrev - Udpegning til sundhedsklyngerne" in t
    assert not any("<b>" in x or "</" in x or x.startswith("#") for x in t)
    assert "Sundhedsklynger er et samarbejde mellem kommuner, hospital og almen praksis, som pr. 1. juli 2022 skal etableres omkring hvert akuthospital." in t
    assert "Borgmestrene** fra klyngens kommuner" in t  # escaped footnote asterisks are text
    assert not any(x.startswith("Side ") and " af " in x for x in t)
    assert "www.kl.dk" not in t


# ------------------------------------------------------------------ page furniture
def test_furniture_dropped():
    text = (
        "Titel\n"
        "Indholdsfortegnelse.....\t3\n"
        "3.1.\tKKR Hovedstadens indspil.....\t5\n"
        "3.2.\tErhvervshus Hovedstaden\t7\n"
        "Side 1 af 2\n"
        "12\n"
        "www.kl.dk\n"
        "Tekst\n"
        "www.kl.dk\n"
        "Kommune\tKvote\n"
        "Dragør\t1\n"
    )
    assert [(ln.text, ln.line) for ln in rb(text).lines] == [
        ("Titel", 1),
        ("Indholdsfortegnelse", 2),
        ("3.1. KKR Hovedstadens indspil", 3),
        ("3.2. Erhvervshus Hovedstaden", 4),
        ("Tekst", 8),
        ("Kommune | Kvote", 10),
        ("Dragør | 1", 11),
    ]


def test_toc_sample():
    t = texts(read_document(SAMPLES / "kkr-hovedstaden-dagsorden-2023-04-21.txt"))
    assert "2. Siden sidst" in t and "3.1. KKR Hovedstadens indspil til Erhvervsfremmestrategi 2024-2027" in t
    assert not any("....." in x for x in t)


# ------------------------------------------------------------------ encodings
def _norm(src):
    return [(ln.text, ln.line) for ln in src.lines]


@pytest.mark.parametrize("name", ["kkr-hovedstaden-dagsorden-2021-06-16.txt", "kkr-hovedstaden-dagsorden-2023-04-21.txt"])
def test_cp1252_copy_equals_utf8(name, tmp_path):
    original = SAMPLES / name
    data = original.read_text(encoding="utf-8").encode("cp1252")
    copy = tmp_path / name
    copy.write_bytes(data)
    a, b = read_document(original), read_document(copy)
    assert b.encoding == "cp1252"
    assert _norm(a) == _norm(b)
    assert a.original_line_count == b.original_line_count


def test_cp1252_fixture():
    fixture = FIXTURES / "dagsorden-2021-06-16-cp1252.txt"
    src = read_document(fixture)
    assert src.encoding == "cp1252"
    assert _norm(src) == _norm(read_document(PDF2021))


def test_utf8_bom_and_utf16():
    text = PDF2021.read_text(encoding="utf-8")
    base = _norm(read_document(PDF2021))
    bom = read_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt")
    assert bom.encoding == "utf-8-sig" and _norm(bom) == base
    for data in (text.encode("utf-16"), b"\xff\xfe" + text.encode("utf-16-le"), b"\xfe\xff" + text.encode("utf-16-be")):
        u16 = read_bytes(data, "a.txt")
        assert u16.encoding == "utf-16" and _norm(u16) == base


def test_latin1_fallback():
    src = read_bytes("Sted: Hørsholm \x81\n".encode("latin-1"), "a.txt")
    assert src.encoding == "latin-1"


def test_other_extension_treated_as_text():
    assert texts(read_bytes("Dato: 19-06-2020\n".encode(), "notes.rtf.bak")) == ["Dato: 19-06-2020"]


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("data", [b"", b"   \n\n\t \r\n", b"\xef\xbb\xbf\n"])
def test_empty(data):
    with pytest.raises(InputError, match="empty document"):
        read_bytes(data, "e.txt")


def test_only_furniture_is_empty():
    with pytest.raises(InputError, match="empty document"):
        read_bytes(b"Side 1 af 2\n3\n", "e.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    b"abc\x00def\x00ghi\x01\x02\x03",
    bytes(range(256)) * 4,
    b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20 + b"text",
])
def test_binary(data):
    with pytest.raises(InputError, match="binary data, not text"):
        read_bytes(data, "b.txt")


def test_missing_file(tmp_path):
    with pytest.raises(InputError):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError):
        read_document(tmp_path)


# ------------------------------------------------------------------ PDF
def test_pdf_text_layer():
    data = make_pdf([["DAGSORDEN 2023", "KKR HOVEDSTADEN", "Dato: 21-04-2023 10:00"],
                     ["1.1. Godkendelse af referat", "Sted: Hørsholm"]])
    src = read_bytes(data, "d.pdf")
    assert src.encoding == "pdf" and src.layout == "pdf"
    assert src.doc_id == hashlib.sha256(data).hexdigest()
    assert texts(src) == ["DAGSORDEN 2023", "KKR HOVEDSTADEN", "Dato: 21-04-2023 10:00",
                          "1.1. Godkendelse af referat", "Sted: Hørsholm"]
    assert [ln.line for ln in src.lines] == [1, 2, 3, 4, 5]  # counted across pages
    assert src.original_line_count == 5


def test_pdf_from_disk(tmp_path):
    p = tmp_path / "x.PDF"
    p.write_bytes(make_pdf([["Hej med-", "dig"]]))
    assert texts(read_document(p)) == ["Hej meddig"]


def test_pdf_without_text():
    with pytest.raises(InputError, match=r"no text layer \(scanned\?\)"):
        read_bytes(make_pdf([[]]), "scan.pdf")


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    b"hello, not a pdf at all",
])
def test_broken_pdf(data):
    with pytest.raises(InputError, match=r"not a readable PDF \("):
        read_bytes(data, "broken.pdf")


def test_truncated_pdf():
    data = make_pdf([["Linje et", "Linje to"]])
    for cut in (len(data) // 3, len(data) // 2, len(data) - 30):
        try:
            src = read_bytes(data[:cut], "t.pdf")
        except InputError:
            continue
        assert all(1 <= ln.line <= src.original_line_count for ln in src.lines)


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["Hemmelig tekst"]]))))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(InputError, match="encrypted PDF"):
        read_bytes(buf.getvalue(), "enc.pdf")


def test_empty_pdf_file():
    with pytest.raises(InputError):
        read_bytes(b"", "e.pdf")


# ------------------------------------------------------------------ properties
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.md", "a.pdf", "a.dat"]))
def test_arbitrary_bytes(data, name):
    try:
        src = read_bytes(data, name)
    except InputError:
        return
    assert all(1 <= ln.line <= src.original_line_count for ln in src.lines)
    assert all(ln.text and ln.text == ln.text.strip() for ln in src.lines)


_alphabet = st.sampled_from(list("abcæøå ABCÆØÅ-–•.*#|<>[]()_&;:\t\n\r\f\x0b\u00a0\u00ad0123456789") + ["K K R  ", "med-\n", "\n\n", "<b>", "**", "Side 1 af 2\n", "....\t3\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=600), st.lists(_alphabet, max_size=200).map("".join)),
       st.sampled_from(["a.txt", "a.md"]))
def test_arbitrary_text(text, name):
    try:
        src = read_bytes(text.encode("utf-8", errors="surrogatepass"), name)
    except InputError:
        return
    assert all(1 <= ln.line <= src.original_line_count for ln in src.lines)
    nums = [ln.line for ln in src.lines]
    assert nums == sorted(nums)
