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
import html
import io
import logging
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

from .errors import InputError
from .model import Line, SourceText

__all__ = ["read_document", "read_bytes", "normalise_lines", "detect_layout", "decode_text"]

# ------------------------------------------------------------------ decoding
_BINARY_CONTROL_RATIO = 0.05  # more than this share of control characters -> binary
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; minus the allowed \t \n \v \f \r.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    if "\x00" in text:
        return True
    sample = text[:200_000]
    n = len(_CONTROL.findall(sample))
    return n > max(2, _BINARY_CONTROL_RATIO * len(sample))


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """UTF-16 text without a BOM: every other byte NUL.  Returns the text or None."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes to text; returns (text, encoding).  Raises InputError for binary/empty."""
    text, enc, _ = decode_text_reporting(data, path)
    return text, enc


# ------------------------------------------------------------- mixed encodings
# A valid multi-byte UTF-8 sequence. cp1252 text almost never contains one (Danish letters in cp1252
# are single bytes followed by ASCII), so finding one in a file that is not valid UTF-8 as a whole
# means: UTF-8 with pieces in another encoding (e.g. a cp1252 tail appended by an old editor).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_mixed(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 where the bytes are UTF-8, cp1252 (latin-1 for its five undefined bytes) for each run of
    bytes that is not; returns the text and the (1-based) lines that needed the fallback."""
    out: list[str] = []
    repaired: set[int] = set()
    pos = 0
    while pos < len(data):
        try:
            out.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            start, end = pos + exc.start, pos + exc.end
            out.append(data[pos:start].decode("utf-8"))
            bad = data[start:end]
            out.append("".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad))
            repaired.add(data.count(b"\n", 0, start) + 1)
            pos = end
    return "".join(out), sorted(repaired)


def line_ranges(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> '3-5, 9'."""
    parts: list[str] = []
    for n in lines:
        if parts and n == int(parts[-1].split("-")[-1]) + 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts)


def decode_text_reporting(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[int]]:
    """decode_text, plus the lines decoded as cp1252 inside an otherwise UTF-8 file (mixed encodings)."""
    repaired: list[int] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, "binary data, not text") from None
    else:
        text = None
        if b"\x00" in data:
            text = _utf16_without_bom(data)
            if text is None:
                raise InputError(path, "binary data, not text")
            enc = "utf-16"
        else:
            try:
                text, enc = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                if _UTF8_MULTIBYTE.search(data):
                    text, repaired = _decode_mixed(data)
                    enc = "utf-8+cp1252"
                else:
                    try:
                        text, enc = data.decode("cp1252"), "cp1252"
                    except UnicodeDecodeError:
                        text, enc = data.decode("latin-1"), "latin-1"
    text = text.lstrip("\ufeff")
    if _looks_binary(text):
        raise InputError(path, "binary data, not text")
    if not text.strip():
        raise InputError(path, "empty document")
    return text, enc, repaired


_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Original lines (a final newline does not start another line)."""
    lines = _LINE_SPLIT.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


# ------------------------------------------------------------------- layout
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_MD_TABLE = re.compile(r"^\s*\|.*\|")
_HTML_TAG_HINT = re.compile(r"</?(?:b|i|u|br|p|em|strong|span|div|sup|sub|td|tr|th|table)\b[^<>]*>", re.I)
_HYPHEN_END = re.compile(r"[^\W\d_]-\s*$")
_LETTER_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")


def detect_layout(raw_lines: list[str]) -> str:
    """markdown | pdftotext | clean, from the raw (undecorated) lines."""
    nonempty = [ln for ln in raw_lines if ln.strip()]
    if not nonempty:
        return "clean"
    n = len(nonempty)
    md = sum(1 for ln in nonempty if _MD_HEADING.match(ln) or _MD_TABLE.match(ln) or _HTML_TAG_HINT.search(ln))
    if md >= 3 and md >= 0.01 * n:
        return "markdown"
    hyph = sum(1 for ln in nonempty if _HYPHEN_END.search(ln))
    trailing = sum(1 for ln in nonempty if ln != ln.rstrip())
    spaced = sum(1 for ln in nonempty if _LETTER_SPACED.search(ln))
    if (hyph >= 3 and hyph >= 0.03 * n) or (trailing >= 5 and trailing >= 0.3 * n) or spaced >= 1:
        return "pdftotext"
    return "clean"


# ----------------------------------------------------------- per-line clean
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]+")
_ANY_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>")
_BR_TAG = re.compile(r"<\s*br\s*/?\s*>", re.I)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_HEADING_PREFIX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_MD_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_STAR_OPEN = re.compile(r"(?<![\w*])\*+(?=[^\s*])")
_MD_STAR_CLOSE = re.compile(r"(?<=[^\s*])\*+(?![\w*])")
_MD_UNDERSCORE_EMPH = re.compile(r"(?<![\w_])_([^\s_](?:[^_]*[^\s_])?)_(?![\w_])")
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_HR = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*\d{0,4}\s*$|\s*…+\s*\d{0,4}\s*$")
_TOC_TAB_PAGE = re.compile(r"^(\s*\d+(?:\.\d+)*\.?\s.*?\S)\t+\s*\d{1,4}\s*$")
_LEADING_NUMBER_TAB = re.compile(r"^(\s*\d+(?:\.\d+)*\.?)\t+")
_STAR_PLACEHOLDER = "\uE000"


def _collapse_letter_spacing(s: str) -> str:
    """'K K R  H O V E D S T A D E N' -> 'KKR  HOVEDSTADEN' (word gaps stay, collapsed later)."""
    return _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), s)


def _strip_markdown(s: str, markdown: bool) -> str:
    if markdown:
        s = _BR_TAG.sub(" ", s)
        s = _ANY_TAG.sub("", s)
        if _MD_TABLE_SEP.match(s) and "|" in s:
            return ""
        if _MD_HR.match(s):
            return ""
        s = _MD_BLOCKQUOTE.sub("", s)
        s = _MD_AUTOLINK.sub(r"\1", s)
    elif "<" in s:
        s = _HTML_TAG_HINT.sub(" ", s)
    # each substitution only when its marker character occurs (most lines have none)
    if "#" in s:
        s = _MD_HEADING_PREFIX.sub("", s)
    s = s.replace("\\*", _STAR_PLACEHOLDER)
    if "](" in s:
        s = _MD_IMAGE.sub(r"\1", s)
        s = _MD_LINK.sub(r"\1", s)
    if "*" in s or "__" in s:
        s = _MD_BOLD.sub("", s)
        s = _MD_STAR_OPEN.sub("", s)
        s = _MD_STAR_CLOSE.sub("", s)
    if markdown:
        s = _MD_UNDERSCORE_EMPH.sub(r"\1", s)
        s = _MD_CODE.sub(r"\1", s)
        s = _MD_ESCAPE.sub(r"\1", s)
        stripped = s.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            s = " | ".join(c for c in cells if c)
        s = html.unescape(s)
    elif "&" in s:
        s = re.sub(r"&(amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-fA-F]+);", lambda m: html.unescape(m.group(0)), s)
    return s.replace(_STAR_PLACEHOLDER, "*")


_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# _SPACES.sub(" ", s) changes s only where there are two spaces in a row or another space character
_SPACES_TO_FIX = re.compile(r"  |[\u00a0\u2000-\u200a\u202f\u205f\u3000\f\v]")


def _clean_line(raw: str, layout: str) -> str:
    # (each substitution only when the characters it needs occur: most lines need none of them)
    s = raw.translate(_INVISIBLE) if _INVISIBLE_RE.search(raw) else raw
    if _CONTROL.search(s):
        s = _CONTROL.sub(" ", s)
    s = s.replace("\u00a0", " ").replace("\f", " ").replace("\v", " ")
    s = _strip_markdown(s, layout == "markdown")
    # TOC page numbers: dot leaders anywhere, or "3.1.\tTitle\t7"
    s = s.rstrip()
    if "\t" in s:
        m = _TOC_TAB_PAGE.match(s)
        if m:
            s = m.group(1)
    if "…" in s or s.count(".") >= 3:
        s2 = _LEADER.sub("", s)
        if s2.strip():
            s = s2
    if "\t" in s:
        s = _LEADING_NUMBER_TAB.sub(r"\1 ", s)
    s = _collapse_letter_spacing(s)
    if "\t" in s:
        cells = [_SPACES.sub(" ", c).strip() for c in s.split("\t")]
        s = " | ".join(c for c in cells if c)
    if _SPACES_TO_FIX.search(s):
        s = _SPACES.sub(" ", s)
    return s.strip()


# ---------------------------------------------------------- page furniture
_PAGE_MARK = re.compile(
    r"^(?:side|page|s\.)\s*\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?$|^\d{1,4}\s*(?:/|af|of)\s*\d{1,4}$|^-\s*\d{1,4}\s*-$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.-]+\.(?:dk|com|org|net|eu|se)/?$", re.I)


def _drop_furniture(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    counts = Counter(t for t, _ in items)
    out = []
    for i, (t, n) in enumerate(items):
        if _PAGE_MARK.match(t):
            continue
        if _BARE_NUMBER.match(t):
            prev_num = i > 0 and _BARE_NUMBER.match(items[i - 1][0])
            next_num = i + 1 < len(items) and _BARE_NUMBER.match(items[i + 1][0])
            if not (prev_num or next_num):
                continue
        if counts[t] >= 2 and _URLISH.match(t):
            continue
        out.append((t, n))
    return out


# -------------------------------------------------------------- hyphenation
_SUSPENDED_NEXT = {"og", "eller", "samt", "og/eller", "el.", "såvel", "som", "and", "or", "och"}
_WORD_BEFORE_HYPHEN = re.compile(r"(\S+)-$")
_INLINE_BROKEN = re.compile(r"(?<![\w-])([^\W\d_][\w]*[^\W\d_])- ([^\W\d_A-ZÆØÅ][\w]*)")


def _is_abbrev(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _join_decision(prev: str, nxt: str) -> Optional[str]:
    """How to join prev (ending in '-') with the next line: 'drop' the hyphen, 'keep' it, or None."""
    if not prev.endswith("-") or len(prev) < 2:
        return None
    before = prev[-2]
    if before.isspace() or before in "-–—":
        return None  # a dash, not a hyphen
    m = _WORD_BEFORE_HYPHEN.search(prev)
    token = m.group(1) if m else ""
    first = nxt.split(" ", 1)[0]
    if before.isdigit():
        return "keep" if nxt[:1].isdigit() else None
    if not before.isalpha() and before not in ")":
        return None
    c = nxt[:1]
    if not c.isalpha():
        return None
    if first.lower().rstrip(",.") in _SUSPENDED_NEXT:
        return None  # "Sundheds-\nog omsorgsborgmester": a suspended hyphen, a real line break
    if c.isupper():
        return "keep"  # "Lyngby-\nTaarbæk"
    if _is_abbrev(token):
        return "keep"  # "KKR-\nformandskabet"
    return "drop"  # "med-\nlemmerne"


def _repair_inline(s: str) -> str:
    """'Svagsy- nede' -> 'Svagsynede', 'VIP- klimaprojekterne' -> 'VIP-klimaprojekterne'."""

    def fix(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if right.lower() in _SUSPENDED_NEXT:
            return m.group(0)
        return f"{left}-{right}" if _is_abbrev(left) else f"{left}{right}"

    return _INLINE_BROKEN.sub(fix, s) if "- " in s else s


def _repair_hyphenation(items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for t, n in items:
        if out:
            how = _join_decision(out[-1][0], t)
            if how == "drop":
                out[-1] = (out[-1][0][:-1] + t, out[-1][1])
                continue
            if how == "keep":
                out[-1] = (out[-1][0] + t, out[-1][1])
                continue
        out.append((t, n))
    return [(_repair_inline(t), n) for t, n in out]


# ------------------------------------------------------ flattened pages
# A PDF transcript (docplayer and the like) holds a whole page on one line: "1 REFERAT 2016 Dato: ... 2 Deltagere ...".
FLAT_MIN = 300  # a flattened page is at least this long
_FLAT_PAGE = re.compile(r"^(\d{1,3}) (?=\S)")
# split before: a label ("Dato:", "Afbud fra:", "Bemærkninger til dagsordenen:"), a numbered item ("89. Til
# efterretning"), a section word, and after a "(A)" party letter followed by the next name
_FLAT_SPLIT = re.compile(
    r"\s+(?=(?:[A-ZÆØÅ][\wæøå-]*(?: [a-zæøå][\wæøå-]*){0,3}|Tid og sted|Afbud fra):\s)"
    r"|\s+(?=\d{1,3}\.\s+[A-ZÆØÅ][a-zæøå])"
    r"|(?<=[a-zæøå.)])\s+(?=(?:Sagsfremstilling|Indstilling|Beslutning|Baggrund|Resumé|Resume|Bilag|"
    r"Indholdsfortegnelse|Deltagerfortegnelse|Afbud|Fraværende|Mødedeltagere|Deltagere|Tilstede)\b)"
    r"|(?<=[A-ZÆØÅ]\))\s+(?=[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ])"
)


def flattened_pages(raw_lines: list[str]) -> set[int]:
    """Indices of lines that are whole pages flattened onto one line: long lines that start with their page
    number, the page numbers of the document's long lines rising one by one ("1 ...", "2 ...", "3 ...")."""
    pages = []
    for i, raw in enumerate(raw_lines):
        if len(raw) >= FLAT_MIN // 4:
            m = _FLAT_PAGE.match(raw.lstrip())
            if m:
                pages.append((i, int(m.group(1))))
    if not pages or not any(len(raw_lines[i]) >= FLAT_MIN for i, _ in pages):
        return set()
    nums = [n for _, n in pages]
    rising = all(b == a + 1 for a, b in zip(nums, nums[1:]))
    if not rising or (len(pages) == 1 and nums[0] != 1):
        return set()
    return {i for i, _ in pages}


def split_flattened(raw: str) -> list[tuple[str, int]]:
    """A flattened page -> (segment, column) at labels, numbered items, section words and name-list
    boundaries; the leading page number is dropped (page furniture)."""
    lead = len(raw) - len(raw.lstrip())
    m = _FLAT_PAGE.match(raw, lead)
    start = m.end() if m else lead
    out = []
    pos = start
    for m in _FLAT_SPLIT.finditer(raw, start):
        if m.start() > pos:
            out.append((raw[pos:m.start()], pos))
        pos = m.end()
    if pos < len(raw):
        out.append((raw[pos:], pos))
    return out


# ------------------------------------------------------------------ public
def normalise_lines(raw_lines: list[str], layout: str, pages: Optional[list[tuple[int, int]]] = None) -> list[Line]:
    """Normalise raw lines (index i -> original line i+1) into Lines.

    `pages`: for a PDF, (page, line on the page) of each raw line.  A whole page flattened onto one line is
    split back into lines that keep their original line number and their column in it."""
    flat = flattened_pages(raw_lines)
    segments: list[tuple[str, int, Optional[int]]] = []
    for i, raw in enumerate(raw_lines):
        if i in flat:
            segments.extend((seg, i + 1, col) for seg, col in split_flattened(raw))
        else:
            segments.append((raw, i + 1, None))
    return normalise_segments(segments, layout, pages)


def normalise_segments(segments: list[tuple[str, int, Optional[int]]], layout: str,
                       pages: Optional[list[tuple[int, int]]] = None) -> list[Line]:
    """(raw text, original line, column or None) -> Lines: clean, drop page furniture, repair hyphenation."""
    items = []
    for raw, n, col in segments:
        t = _clean_line(raw, layout)
        if t:
            items.append((t, (n, col)))
    items = _drop_furniture(items)
    items = _repair_hyphenation(items)
    out = []
    for t, (n, col) in items:
        if t.strip():
            page, page_line = pages[n - 1] if pages and n - 1 < len(pages) else (None, None)
            out.append(Line(t, n, column=col, page=page, page_line=page_line))
    return out


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
