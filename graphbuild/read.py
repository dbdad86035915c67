"""read: bytes on disk -> SourceText (normalised lines that remember their original line number).

Pure functions.  The only exception raised for bad input is InputError.

Steps for text files:
  decode (UTF-8 BOM / UTF-16 BOM / UTF-8 / cp1252 / latin-1; refuse binary and empty input)
  -> split into original lines (1-based numbers)
  -> detect layout (markdown | pdftotext | clean)
  -> per line: strip control characters, HTML tags and markdown, collapse letter-spaced words,
     strip dot leaders and TOC page numbers, collapse whitespace
  -> drop empty lines and page furniture ("Side 1 af 2", bare page numbers, repeated URL footers)
  -> repair words hyphenated across line ends (the joined Line keeps the first line's number).

HTML (.html, .htm, saved pages) goes through lxml: block elements, list items, table rows and <br> become lines
(the source line where the element starts), navigation, scripts, cookie banners and other chrome are dropped,
then the same line normalisation.  PDF files go through a PDF text layer and then the same line normalisation.
"""
from __future__ import annotations
import hashlib
import io
import logging
import os
import re
from pathlib import Path
from typing import Iterable, Optional

from .errors import InputError
from .model import Line, SourceText
from .text.decode import decode_text, decode_text_reporting, line_ranges, split_lines  # noqa: F401 (public)
from .text.html_lines import HTML_SUFFIXES, looks_like_html, read_html  # noqa: F401 (public)
from .text.lines import (FLAT_MIN, detect_layout, flattened_pages, normalise_lines,  # noqa: F401 (public)
                         normalise_segments, split_flattened)

__all__ = ["read_document", "read_bytes", "normalise_lines", "detect_layout", "decode_text"]

MAX_PDF_PAGES = 2000  # default page cap; $GRAPHBUILD_MAX_PDF_PAGES overrides it


def _check_pdf_pages(pages: int, path: str) -> None:
    """Refuse a PDF with more pages than a meeting document (with its appendices) has, before any
    page is read: time and memory grow with the pages (50,000 blank pages took 60 s and 534 MB)."""
    try:
        limit = int(os.environ.get("GRAPHBUILD_MAX_PDF_PAGES", "") or MAX_PDF_PAGES)
    except ValueError:
        limit = MAX_PDF_PAGES
    if pages > limit:
        raise InputError(path, f"PDF has {pages:,} pages (the limit is {limit:,}; "
                               f"set GRAPHBUILD_MAX_PDF_PAGES to change it)")


PDF_BACKEND = "pypdfium2"  # measured against pypdf and pdfplumber: docs/extraction.md, "PDF text layer"


def _pdf_pages_pypdfium2(data: bytes, path: str) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e).splitlines()[0][:120] if str(e) else ""
        if "password" in msg.lower():
            raise InputError(path, "encrypted PDF") from None
        m = re.search(r"PDFium: ([^)]+)", msg)  # "Failed to load document (PDFium: Data format error)."
        raise InputError(path, f"not a readable PDF ({m.group(1) if m else msg or 'PdfiumError'})") from None
    try:
        _check_pdf_pages(len(pdf), path)
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                # PDFium joins a word hyphenated over a line end itself, leaving U+FFFE where "-\n" was: put the
                # line break back so the page's lines stay its lines and the repair below decides (Lyngby-Taarbæk)
                pages.append(textpage.get_text_range().replace("\ufffe", "-\n"))
            finally:
                textpage.close()
                page.close()
        return pages
    finally:
        pdf.close()


def _pdf_pages_pypdf(data: bytes, path: str) -> list[str]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except Exception:
            ok = 0
        if not ok:
            raise InputError(path, "encrypted PDF")
    _check_pdf_pages(len(reader.pages), path)
    return [page.extract_text() or "" for page in reader.pages]


def _pdf_pages_pdfplumber(data: bytes, path: str) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        _check_pdf_pages(len(pdf.pages), path)
        return [page.extract_text() or "" for page in pdf.pages]


PDF_BACKENDS = {"pypdfium2": _pdf_pages_pypdfium2, "pypdf": _pdf_pages_pypdf, "pdfplumber": _pdf_pages_pdfplumber}


def pdf_page_texts(data: bytes, path: str, backend: Optional[str] = None) -> list[str]:
    """The text layer of each page (one string per page)."""
    fn = PDF_BACKENDS[backend or PDF_BACKEND]
    try:
        return fn(data, path)
    except InputError:
        raise
    except Exception as e:  # PDF libraries raise many types for broken files
        msg = str(e).splitlines()[0][:120] if str(e) else ""
        raise InputError(path, f"not a readable PDF ({type(e).__name__}{': ' + msg if msg else ''})") from None


def _read_pdf(data: bytes, path: str, backend: Optional[str] = None) -> tuple[list[str], list[tuple[int, int]]]:
    """Raw lines of every page in order, and (page, line on the page) of each."""
    raw: list[str] = []
    where: list[tuple[int, int]] = []
    for p, text in enumerate(pdf_page_texts(data, path, backend), start=1):
        lines = split_lines(text) if text else []
        raw.extend(lines)
        where.extend((p, k) for k in range(1, len(lines) + 1))
    if not any(ln.strip() for ln in raw):
        raise InputError(path, "no text layer (scanned?)")
    return raw, where


def read_bytes(data: bytes, path: str, pdf_backend: Optional[str] = None) -> SourceText:
    """Read a document held in memory.  `path` decides the format (.pdf, .html) and names it in errors."""
    path = str(path)
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(path, "not bytes")
    data = bytes(data)
    doc_id = hashlib.sha256(data).hexdigest()
    page_starts = None
    repaired: list[int] = []
    is_pdf = Path(path).suffix.lower() == ".pdf" or data.startswith(b"%PDF-")
    if is_pdf:
        if not data.strip():
            raise InputError(path, "empty document")
        raw, where = _read_pdf(data, path, pdf_backend)
        count = len(raw)
        layout_hint = detect_layout(raw)
        lines = normalise_lines(raw, "markdown" if layout_hint == "markdown" else "pdftotext", pages=where)
        encoding, layout = "pdf", "pdf"
        page_starts = [n for n, (_, k) in enumerate(where, start=1) if k == 1]
    elif looks_like_html(data, path):
        text, encoding, repaired = decode_text_reporting(data, path)
        count = len(split_lines(text))
        layout = "html"
        lines = normalise_segments([(t, n, None) for t, n in read_html(text, path)], "clean")
    else:
        text, encoding, repaired = decode_text_reporting(data, path)
        raw = split_lines(text)
        count = len(raw)
        layout = detect_layout(raw)
        lines = normalise_lines(raw, layout)
    if not lines:
        raise InputError(path, "empty document")
    source = SourceText(doc_id=doc_id, path=path, encoding=encoding, layout=layout, lines=lines,
                        original_line_count=count, page_starts=page_starts)
    if not is_pdf and repaired:
        source.repaired_lines = repaired
    return source


def read_document(path) -> SourceText:
    """Read a file from disk (.txt, .md, .html/.htm, .pdf; anything else that decodes as text)."""
    p = str(path)
    try:
        data = Path(p).read_bytes()
    except OSError as e:
        raise InputError(p, f"cannot read file ({e.strerror or type(e).__name__})") from None
    return read_bytes(data, p)


def iter_texts(lines: Iterable[Line]) -> list[str]:
    """Convenience: the texts of some lines."""
    return [ln.text for ln in lines]
