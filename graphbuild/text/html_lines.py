"""HTML to lines (lxml): block elements, list items, table rows and <br> become lines at their source line;
navigation, scripts, cookie banners and other chrome are dropped."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..errors import InputError

# -------------------------------------------------------------------- HTML
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
# never text: code, styling, forms, embedded media; navigation and page chrome
_HTML_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
                   "form", "button", "select", "textarea", "input", "nav", "header", "footer", "aside", "menu",
                   "head", "title", "meta", "link", "map", "dialog"}
# boilerplate by id / class / role / aria-label: cookie banners, consent, menus, breadcrumbs, skip links, sharing
_HTML_BOILERPLATE = re.compile(r"cookie|consent|gdpr|banner|breadcrumb|navbar|\bnav\b|navigation|menu|skip|"
                               r"share|social|sidebar|site-header|site-footer|page-header|page-footer|"
                               r"\bfooter\b|\bheader\b|topbar|toolbar|newsletter|search", re.I)
_HTML_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar"}
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                "blockquote", "pre", "address", "figcaption", "caption", "table", "thead", "tbody", "tfoot",
                "ul", "ol", "dl", "hr", "body", "center", "fieldset", "legend", "details", "summary", "figure"}
_HTML_CELLS = {"td", "th"}


def looks_like_html(data: bytes, path: str) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:4096]))


def _html_boilerplate(el) -> bool:
    if el.tag in _HTML_DROP_TAGS:
        return True
    role = (el.get("role") or "").lower()
    if role in _HTML_DROP_ROLES:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    if "display:none" in style:
        return True
    marks = " ".join(filter(None, (el.get("id"), el.get("class"), el.get("aria-label"))))
    return bool(marks) and el.tag not in ("body", "main", "article", "table", "tr", "td", "th") and \
        bool(_HTML_BOILERPLATE.search(marks))


class _HtmlLines:
    """Walks the tree: block elements, list items, table rows and <br> start a new line; the line records
    the source line where its element (or its first text) starts."""

    def __init__(self):
        self.out: list[tuple[str, int]] = []
        self.buf: list[str] = []
        self.line: Optional[int] = None

    def flush(self):
        text = "".join(self.buf)
        if text.strip() and self.line is not None:
            self.out.append((text, self.line))
        self.buf, self.line = [], None

    def add(self, text: Optional[str], line: Optional[int]):
        if not text:
            return
        if not self.buf or not "".join(self.buf).strip():
            if text.strip():
                lead = text[: len(text) - len(text.lstrip())]
                self.line = (line or 1) + lead.count("\n")
        self.buf.append(" ".join(text.split("\n")) if "\n" in text else text)

    def walk(self, el, tail_line: Optional[int]):
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            self.add(el.tail, tail_line)
            return
        tag = tag.lower().split("}")[-1]
        el.tag = tag
        start = el.sourceline or tail_line
        if _html_boilerplate(el):
            self.add(el.tail, _after(el, start))
            return
        if tag == "br":
            self.flush()
            self.add(el.tail, start)
            return
        if tag == "tr":
            self.flush()
            cells = []
            for cell in el:
                if isinstance(cell.tag, str) and cell.tag.lower() in _HTML_CELLS and not _html_boilerplate(cell):
                    txt = " ".join(" ".join(t for t in cell.itertext()).split())
                    if txt:
                        cells.append(txt)
            if cells:
                self.out.append((" | ".join(cells), start))
            self.add(el.tail, _after(el, start))
            return
        block = tag in _HTML_BLOCKS
        if block:
            self.flush()
        self.add(el.text, start)
        last = start
        for child in el:
            self.walk(child, last)
            last = _after(child, getattr(child, "sourceline", None) or last)
        if block:
            self.flush()
        if tag in _HTML_CELLS:
            self.buf.append(" | ")
        self.add(el.tail, _after(el, start))


def _after(el, start: Optional[int]) -> Optional[int]:
    """The line where an element's tail starts: its start plus the line breaks inside it."""
    if start is None:
        return None
    n = 0
    try:
        for t in el.itertext():
            n += t.count("\n")
    except (TypeError, ValueError):
        pass
    return start + n


def read_html(text: str, path: str) -> list[tuple[str, int]]:
    """HTML -> (line text, source line) with navigation, scripts, cookie banners and other chrome dropped."""
    try:
        import lxml.html
        from lxml import etree
    except Exception as e:  # pragma: no cover - lxml is a dependency
        raise InputError(path, f"cannot read HTML (lxml unavailable: {e})") from None
    text = re.sub(r"^\s*<\?xml[^>]*\?>", lambda m: "\n" * m.group(0).count("\n"), text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise InputError(path, f"not readable HTML ({e})") from None
    body = root.find("body")
    walker = _HtmlLines()
    walker.walk(body if body is not None else root, 1)
    walker.flush()
    return walker.out

