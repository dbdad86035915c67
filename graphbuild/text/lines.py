"""Line normalisation: layout detection, per-line cleaning (markup, dot leaders, letter spacing), page
furniture, hyphenation repair and flattened PDF pages split back into lines."""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Optional

from ..gazetteer import data_rows
from ..model import Line
from .decode import _CONTROL

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
# efterretning", "102. SPØRGETID"), an item marker ("Sag nr. 74", "Pkt. 3"), a section word, and after a "(A)" party letter followed by the next name
# the section headings that split a flattened page, capitalised as the page writes them (section_words.csv)
_FLAT_SECTIONS = "|".join(re.escape(r["heading"].capitalize()) for r in data_rows("section_words.csv")
                          if "splits_flat_page" in r["uses"].split("|"))
_FLAT_SPLIT = re.compile(
    r"\s+(?=(?:[A-ZÆØÅ][\wæøå-]*(?: [a-zæøå][\wæøå-]*){0,3}|Tid og sted|Afbud fra):\s)"
    r"|\s+(?=\d{1,3}\.\s+[A-ZÆØÅ](?:[a-zæøå]|[A-ZÆØÅ]{2,}\b))"
    r"|\s+(?=(?:Sag\s+nr\.?|Pkt\.|Punkt)\s+\d{1,4}\b)"
    rf"|(?<=[a-zæøå.)])\s+(?=(?:{_FLAT_SECTIONS}|"
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

