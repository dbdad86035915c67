"""Generic councils ("Byrådet", "Økonomiudvalget", "Regionsrådet") scoped to where they belong.

A council named without its municipality or region is completed from the text, the title or the user's
--council/--municipality (structure and extraction do that).  When nothing says whose it is, the council is
scoped to the document: its own Organization (`scope: "document"`), so "Byrådet" of Køge and "Byrådet" of
Brønderslev never become one node by accident, and the meeting, its items and who attended are still kept.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..gazetteer import org_word_alternation, region_alternation, region_short_names
from ..model import OrgRef

DOCUMENT_SCOPE = "@doc:"  # org ids of councils scoped to one document: "council:byraadet@doc:1a2b3c4d5e6f"


def _slug(text: str) -> str:
    s = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "council"


def document_scoped_council(generic: str, doc_id: str) -> OrgRef:
    """The council "Byrådet" of the one document that names it without saying whose it is."""
    name = " ".join(generic.split())
    return OrgRef(surface=name, org_id=f"council:{_slug(name)}{DOCUMENT_SCOPE}{doc_id[:12]}", kind="council")


def is_document_scoped(org_id: str | None) -> bool:
    return bool(org_id) and DOCUMENT_SCOPE in org_id


# ------------------------------------------------------------------ word lists (graphbuild/data/)
@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict, ...]:
    text = resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=None)
def council_words() -> dict[str, str]:
    """How a council is written -> its name ("Byråd" -> "Byrådet", "KB" -> "Kommunalbestyrelsen")."""
    return {r["written"]: r["canonical"] for r in _rows("council_words.csv")}


@lru_cache(maxsize=None)
def place_names() -> frozenset:
    """Municipality and region names as written after a council ("Byrådet Vejen", "Regionsrådet Syddanmark")."""
    out = set()
    for r in _rows("municipalities.csv") + _rows("regions.csv"):
        for n in [r["name"], r["short_name"], *(r.get("aliases") or "").split("|")]:
            if n:
                out.add(n.casefold())
    return frozenset(out)


def known_place(name: str) -> bool:
    return name.casefold() in place_names() or name.casefold().rstrip("s") in place_names()


def canonical_generic(written: str) -> str:
    """'Byråd' -> 'Byrådet', 'byrådet' -> 'Byrådet', 'udvalget for X' -> 'Udvalget for X'."""
    w = " ".join(written.split()).strip(" ,.-–|:")
    words = council_words()
    for cand in (w, w[:1].upper() + w[1:]):
        if cand in words:
            return words[cand]
    return w[:1].upper() + w[1:]


# ------------------------------------------------------------------ generic councils in a header
_WORDS = r"[Bb]yrådet|[Bb]yråd|[Kk]ommunalbestyrelsen|[Kk]ommunalbestyrelse|Borgerrepræsentationen|[Rr]egionsrådet|[Rr]egionsråd|KB"
_COMMITTEE = (r"[A-ZÆØÅ]\w*-,?\s+(?:\w+-,?\s+)*og\s+\w*udvalget"  # "Klima-, Miljø- og Teknikudvalget"
              r"|[A-ZÆØÅ][\w-]*udvalget(?:\s+for\s+[\w ,-]+?)?"
              r"|Udvalget\s+for\s+\w[\w -]*?(?:,\s*\w[\w -]*?)+\s+og\s+\w[\w-]*"  # "Udvalget for Vækst, Erhverv og X"
              r"|Udvalget\s+for\s+[\w ,-]+?")
# the council word ends the phrase: a separator, the line's end, the kind, the date that follows, or the item's
# status ('Sagsnr. 300175 Udvalget for Vækst, Erhverv og Globalisering Åbent punkt')
_END = r"(?=\s*(?:[-–|,:.;]|$|\s+(?:referat|dagsorden|den\b|d\.|\d|(?i:åbent?|lukket)\b)))"
GENERIC_COUNCIL = re.compile(rf"\b({_WORDS}|{_COMMITTEE}){_END}")
# other bodies that meet: "kommunaldirektørnetværket i den midtjyske region", "styregruppen for ..."
_OTHER_BODY = (rf"[\w-]*(?:{org_word_alternation('meets')})"
               r"(?:\s+(?:i|for)\s+[\w ,-]+?)?")
# "Møde i udvalget for fastholdelse og rekruttering ... d. 10 februar 2022", "referat fra byrådet"
_IN_COUNCIL = re.compile(rf"\b(?:møde|mødet|referat|dagsorden|beslutning(?:er)?)\s+(?:i|fra|for|til)\s+(?:mødet\s+i\s+)?"
                         rf"({_WORDS}|{_COMMITTEE}|udvalget\s+for\s+[\w ,-]+?|[a-zæøå][\w-]*udvalget|{_OTHER_BODY}){_END}", re.I)
# "Økonomiudvalgets beslutning i mødet den 31. marts 2020", "Regionsrådets beslutning den 30. november 2021"
_GENITIVE_DECISION = re.compile(rf"(?:^|\bpå\s+)({_WORDS.replace('KB|', '')}|[A-ZÆØÅ][\w-]*udvalget)s\s+(?:beslutning|møde)\b",
                                re.I)
# a label whose value is on the same line or the next one ("Udvalg: | Byrådet", "UDVALG" / "Byrådet")
_COUNCIL_LABEL = re.compile(r"^(?:udvalg|mødeforum|forum|organ)\s*[:|]?\s*(?P<rest>[^:]*)$", re.I)


# a header line that starts with the council ("Byrådet Byrådet Vis medlemmer ...", a table row), or a board's
# meeting without the board's name ("Bestyrelsesmøde 29. januar 2016 kl. 10.00")
_LINE_START = re.compile(r"^(Byrådet|Kommunalbestyrelsen|Regionsrådet|Borgerrepræsentationen)\s+\1\b")
_BOARD_MEETING = re.compile(r"^(bestyrelses|repræsentantskabs)møde\b(?!\s+i\s)", re.I)


def generic_in(text: str) -> Optional[str]:
    """The generic council a header line names, canonical, or None."""
    t = text.strip()
    if len(t) > 160:
        return None
    m = _LINE_START.match(t)
    if m:
        return m.group(1)
    m = _BOARD_MEETING.match(t)
    if m:
        return "Bestyrelsen" if m.group(1).lower().startswith("bestyrelse") else "Repræsentantskabet"
    for rx in (_GENITIVE_DECISION, _IN_COUNCIL, GENERIC_COUNCIL):
        m = rx.search(t)
        if m:
            return canonical_generic(m.group(1))
    return None


def labelled_council(lines: list, limit: int) -> tuple[Optional[str], Optional[int]]:
    """'Udvalg: | Byrådet |' or 'UDVALG' followed by 'Byrådet': the council a field names."""
    for idx, ln in enumerate(lines[:limit]):
        m = _COUNCIL_LABEL.match(ln.text.strip())
        if not m:
            continue
        value = m.group("rest").strip(" |")
        nxt = lines[idx + 1] if idx + 1 < len(lines) else None
        cand, where = (value, ln) if value else ((nxt.text.strip(" |"), nxt) if nxt else ("", ln))
        if cand and len(cand) <= 80 and (GENERIC_COUNCIL.search(cand) or cand in council_words()):
            return canonical_generic(GENERIC_COUNCIL.search(cand).group(1) if GENERIC_COUNCIL.search(cand)
                                     else cand), where.line
    return None, None


# A board's meeting: "Bestyrelsesmøde i Sydtrafik", "DAGSORDEN FYNBUS BESTYRELSE", "Referat FynBus Bestyrelse"
_BOARD = re.compile(r"\b(?:bestyrelsesmøde|repræsentantskabsmøde)\s+i\s+([A-ZÆØÅ][\w&-]+(?:\s+[A-ZÆØÅ][\w&-]+){0,2})"
                    r"|^(?:dagsorden|referat)\s+(?:for\s+|fra\s+)?([A-ZÆØÅ][\w&-]+\s+bestyrelse)\b"
                    r"|^([A-ZÆØÅ][\w&-]+\s+bestyrelse)[.,]?\s+(?:referat|dagsorden)\b", re.I)


def board_in(text: str) -> Optional[str]:
    """The board whose meeting a title line names ('Sydtrafik', 'FYNBUS BESTYRELSE'), or None."""
    m = _BOARD.search(text.strip()) if len(text) <= 200 else None
    if not m:
        return None
    name = (m.group(1) or m.group(2) or m.group(3)).strip()
    return None if name.split()[0].lower() in ("den", "det", "de", "et", "en") else name


_REGION_NAMED = re.compile(rf"\bRegion\s?({region_alternation()})", re.I)
_MUNICIPALITY_NAMED = re.compile(r"\b[A-ZÆØÅ][\wæøå-]+\s+Kommunes?\b")


def region_scope(lines: list) -> Optional[str]:
    """'Region Syddanmark' when the text names that region (even glued: 'Region SyddanmarkTil forsiden') and no
    other region nor any municipality: a committee named without its owner is the region's."""
    regions = {region_short_names()[m.group(1).lower()] for ln in lines for m in _REGION_NAMED.finditer(ln.text)}
    if len(regions) != 1 or any(_MUNICIPALITY_NAMED.search(ln.text) for ln in lines):
        return None
    return "Region " + regions.pop()
