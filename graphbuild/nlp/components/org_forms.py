"""graphbuild_org_forms: organisations no reference list knows, recognised by their form -> doc._.gb_org_forms.

A Danish organisation name ends in a word that says what it is (graphbuild/data/org_forms.csv): "…udvalget",
"…rådet", "…styrelsen", "…ministeriet", "… Forsyning", "…værk", "… Skole", "… Kommune", "… A/S", "… I/S".
The name is that head word plus the capitalised words before it ("Næstved Varmeværk", "Aalborg Vand A/S"),
suspended compounds ("Børne- og Skoleudvalget", "Plan-, Bolig- og Miljøudvalget"), and after a head written
alone the words it governs ("Udvalget for Vækst, Erhverv og Globalisering", "Sygehus Sønderjylland",
"I/S Infra Service").  A genitive ("Næstved Varmeværks bestyrelse") is read in the nominative.  A phrase that
overlaps a gazetteer organisation is the gazetteer's ("Herning Kommune", "KKR Sjælland").

What is found is never a curated body: graphbuild.nlp.org_review turns each into an organisation *awaiting
review* (status shown by the data-quality report), scoped to the document's municipality when its form is a
generic one ("Økonomiudvalget" is every municipality's).
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...model import OrgMention
from ..names import NOT_FIRST
from ..spans import doc_ents, doc_text, org_word_alternation, org_words

if not Doc.has_extension("gb_org_forms"):
    Doc.set_extension("gb_org_forms", default=None)


@dataclass(frozen=True)
class OrgForm:
    """One organisation named by its form: where it stands in the line and what its head word says."""

    start: int
    end: int
    name: str  # nominative, as written otherwise
    scope: str  # "local" (a generic name: whose it is comes from the document), "national", "named"
    classification: str
    governs: bool = False  # a "for"-phrase may follow: "Udvalget for Vækst"


@dataclass(frozen=True)
class FormWord:
    ending: str
    compound: bool  # also the end of one word ("Økonomiudvalget"); else only a word of its own ("… Havn")
    scope: str
    classification: str
    governs: bool = False  # a "for"-phrase may follow: "Udvalget for Vækst"


@lru_cache(maxsize=1)
def form_words() -> tuple[FormWord, ...]:
    """graphbuild/data/org_forms.csv, longest ending first (so "varmeværk" wins over "værk")."""
    text = resources.files("graphbuild").joinpath("data", "org_forms.csv").read_text(encoding="utf-8")
    rows = [FormWord(r["ending"].lower(), r["compound"] == "yes", r["scope"], r["classification"], r["governs"] == "yes")
            for r in csv.DictReader(io.StringIO(text))]
    return tuple(sorted(rows, key=lambda f: -len(f.ending)))


_TOKEN = re.compile(r"[\wÆØÅæøå][\w/.&-]*")
_LEGAL_AFTER = frozenset(org_words("legal_after"))  # "Odense Vandselskab as"
_GOVERNS = frozenset(org_words("governs"))  # "Udvalget for Vækst", "Ministeriet for Børn"
_RIGHT_HEADS = frozenset(org_words("right_head"))  # "Sygehus Sønderjylland", "I/S Infra Service"
_NAMED_SCHOOLS = org_words("named_school")  # a school's name may follow its kind: "Børneskolen Filadelfia"
# forms a "for"-phrase may follow ("Udvalget for Vækst", "Ministeriet for Børn"): org_forms.csv, governs = yes
_GOVERNING_HEADS = tuple(f.ending for f in form_words() if f.governs)
# words that end like a form but are not one: "området" (om+rådet), "bestyrelsen" (be+styrelsen)
# and Swedish boards ("Kommunstyrelsens ordförande"), generic everywhere
_NOT_HEADS = org_words("not_head")
# a word before the name that makes it a kind of body, not one ("de lokale Handicapråd", "alle Byråd")
_KIND_BEFORE = frozenset(org_words("kind_before"))
# capitalised words that start no name: the first-name stop words (but "Dansk …" may start one) and these
_STOP_WORDS = (frozenset(NOT_FIRST) - frozenset(org_words("not_stop"))) | frozenset(org_words("stop"))
MAX_MODIFIERS = 3
MIN_STEM = 2  # "Byrådet": a compound needs at least this much before its form ending


def _clean(word: str) -> str:
    return word if word.lower() == "a.m.b.a." else word.rstrip(".,")


def _head(word: str) -> Optional[tuple[FormWord, bool, bool]]:
    """(form, alone, genitive) when `word` ends in a form ending: the whole word ("Forsyning", "A/S"; alone)
    or, for compound forms, the end of a longer word ("Økonomiudvalget"); genitive for "Varmeværks"."""
    low = _clean(word).lower()
    if low.endswith(_NOT_HEADS) or re.search(r"[a-zæøå][A-ZÆØÅ]", _clean(word)):
        return None  # "Integrationsområdet"; "SagsfremstillingUdvalget" (two words glued by a lost line break)
    cands = [(low, False)] + ([(low[:-1], True)] if low.endswith("s") and len(low) > 4 else [])
    for cand, genitive in cands:
        for f in form_words():
            if cand == f.ending:
                return f, True, genitive
            if f.compound and cand.endswith(f.ending) and len(cand) - len(f.ending) >= MIN_STEM:
                return f, False, genitive
    return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in _STOP_WORDS


def _gap(toks: list[re.Match], a: int, b: int) -> str:
    return toks[a].string[toks[a].end():toks[b].start()].strip(" ")


def _suspended(toks: list[re.Match], k: int) -> bool:
    """toks[k] is the first part of a coordinated compound: "Børne-", "Social –", "Familie" (before "og")."""
    word = toks[k].group(0)
    return word.endswith("-") or _gap(toks, k, k + 1) in ("-", "–") or (_capitalised(word) and not _head(word))


def _left_edge(toks: list[re.Match], i: int, alone: bool) -> int:
    """The first token of the name whose head is toks[i]: suspended compounds always ("Børne- og
    Skoleudvalget"), capitalised words before a head that is not a generic compound ("Næstved Varmeværk",
    "Sydfyns Elforsyning"; not "… Økonomiudvalget")."""
    j, caps = i, 0
    while j > 0:
        prev, gap = toks[j - 1].group(0), _gap(toks, j - 1, j)
        if prev.endswith("."):
            break  # "Magistraten. Borgmesterens Afdeling": a sentence ends before the name
        if prev.endswith("-") and gap in ("", ","):
            j -= 1
            continue
        if prev in ("og", "och") and gap == "" and j == i and j > 1 and _suspended(toks, j - 2):
            j -= 2  # "Børne- og Skole…", "Social – og Sundheds…", "Familie og Kultur…", "Post och Tele…"
            continue
        if gap or not alone or caps >= MAX_MODIFIERS or not _capitalised(prev) or _head(prev):
            break
        j, caps = j - 1, caps + 1
    return j


def _right_edge(toks: list[re.Match], i: int) -> int:
    """The last token: a legal form after the name ("… A/S", "… as"), or the capitalised words a head written
    alone governs ("Udvalget for Vækst, Erhverv og Globalisering", "Sygehus Sønderjylland", "I/S Infra Service")."""
    n = len(toks)
    head = _clean(toks[i].group(0)).lower()
    if i + 1 < n and toks[i + 1].group(0).lower() in _LEGAL_AFTER and head not in _LEGAL_AFTER and not _gap(toks, i, i + 1):
        return i + 1
    governs = i + 1 < n and toks[i + 1].group(0) in _GOVERNS and not _gap(toks, i, i + 1)
    if head.endswith(_NAMED_SCHOOLS) and i + 1 < n and not _gap(toks, i, i + 1):
        nxt = toks[i + 1].group(0)
        return i + 1 if _capitalised(nxt) and not _head(nxt) and not nxt.endswith(".") else i  # "Børneskolen Filadelfia"
    if not (head in _RIGHT_HEADS or governs and head.endswith(_GOVERNING_HEADS)):
        return i
    m, last = (i + 2 if governs else i + 1), i
    while (m < n and _capitalised(toks[m].group(0)) and (governs or not _head(toks[m].group(0)))
           and _gap(toks, m - 1, m) in (("", ",") if governs else ("",)) and not toks[m - 1].group(0).endswith(".")):
        last, m = m, m + 1
        if m + 1 < n and toks[m].group(0) == "og" and _capitalised(toks[m + 1].group(0)):
            return m + 1  # "… Erhverv og Globalisering": the last word of the name
    return last


def _overlaps(start: int, end: int, head: tuple[int, int], taken: list[tuple[int, int, str]]) -> bool:
    """A gazetteer organisation overlaps the phrase, or a municipality its head ("Herning Kommune"); a
    municipality inside the name ("Aalborg Vand A/S") is the name's."""
    for s, e, label in taken:
        if s < end and e > start and (label != "MUNICIPALITY" or (s < head[1] and e > head[0])):
            return True
    return False


def _municipality_at(tok: re.Match, taken: list[tuple[int, int, str]]) -> bool:
    return any(label == "MUNICIPALITY" and s == tok.start() and e == tok.end() for s, e, label in taken)


def org_form_spans(text: str, taken: Iterable[tuple[int, int, str]] = ()) -> list[OrgForm]:
    """Every organisation named by its form in one line; `taken`: (start, end, label) of the gazetteer's
    organisations and areas in the line (a phrase overlapping one is the gazetteer's)."""
    toks = list(_TOKEN.finditer(text))
    taken = list(taken)
    out: list[OrgForm] = []
    for i, t in enumerate(toks):
        found = _head(t.group(0))
        if found is None or (out and t.start() < out[-1].end):
            continue
        form, alone, genitive = found
        word = _clean(t.group(0))
        if not word[:1].isupper() or (word.isupper() and len(word) > 4):
            continue  # "udvalget", "kommune": a common noun; "TEKNIKUDVALGET": a heading
        j, k = _left_edge(toks, i, alone or form.scope != "local"), _right_edge(toks, i)
        if j > 0 and toks[j - 1].group(0).lower() in _KIND_BEFORE:
            continue
        if j == i and i > 0 and not _gap(toks, i - 1, i) and _municipality_at(toks[i - 1], taken):
            j = i - 1  # "Aarhus Byråd", "Odense Byråd": the municipality's own
        if alone and j == i and k == i:
            continue  # "Udvalget", "Forsyning", "A/S" written alone name nothing
        start = toks[j].start()
        surface = _clean(text[start:toks[k].end()])
        end = start + len(surface)
        if _overlaps(start, end, (t.start(), t.end()), taken):
            continue
        name = surface[:-1] if genitive and k == i else surface
        out.append(OrgForm(start, end, " ".join(name.split()), form.scope, form.classification))
    return out


def gazetteer_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """The gazetteer's organisations and areas in a parsed line: (start, end, label)."""
    return [(e.start_char, e.end_char, e.label_) for e in doc_ents(doc)
            if e.label_ in ("BODY", "COUNCIL", "REGION", "PARTY", "MUNICIPALITY")]


class OrgForms:
    """The spaCy component: doc._.gb_org_forms = org_form_spans(line, gazetteer spans), or None."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if not any(c.isupper() for c in text):
            return doc
        found = org_form_spans(text, gazetteer_spans(doc))
        doc._.gb_org_forms = found or None
        return doc


@Language.factory("graphbuild_org_forms", assigns=["doc._.gb_org_forms"])
def make_org_forms(nlp: Language, name: str):
    return OrgForms()


# ------------------------------------------------------------------ the document: what it names
# (called by graphbuild.nlp.extract after the line components have run; reads their findings)
def _fold(name: str) -> str:
    return " ".join(name.split()).casefold().rstrip("s")


def document_scope(st) -> str:
    """Whose a generic name ("Økonomiudvalget", "Byrådet") is: the municipality the document names as a
    municipality clearly more often than any other, else its region, else the document itself."""
    munis: Counter = Counter()
    regions: Counter = Counter()
    for d in st.parsed.values():
        for e in (doc_ents(d) if isinstance(d, Doc) else ()):
            if e.label_ == "MUNICIPALITY" and e.ent_id_ and "ommune" in e.text:
                munis[e.ent_id_] += 1
            elif e.label_ == "REGION" and e.ent_id_:
                regions[e.ent_id_] += 1
    for pool, kind in ((munis, "municipality"), (regions, "region")):
        if pool:
            best, n = pool.most_common(1)[0]
            if n * 3 >= sum(pool.values()) * 2:
                return f"{kind}:{best}"
    if st.region:
        return f"region:{st.region}"
    return "doc:" + st.doc.source.doc_id[:12]


def review_id(name: str, scope: str, where: str) -> str:
    """'review:næstved-varmeværk'; a generic name is its owner's: 'review:municipality:851:økonomiudvalget'."""
    slug = re.sub(r"[^\wæøå]+", "-", name.casefold()).strip("-")
    slug = re.sub(r"-(?:as|a-s)$", "-a-s", slug)  # "Odense Vandselskab as" is "… A/S"
    slug = re.sub(rf"({org_word_alternation('review_stem')})(?:et|en)$", r"\1", slug)  # "Byrådet" = "Byråd"
    return f"review:{where}:{slug}" if scope == "local" else f"review:{slug}"


def _stem(word: str) -> str:
    """'Byrådet' -> 'byråd', 'Økonomiudvalget' -> 'økonomiudvalg': the indefinite form, lower case."""
    return re.sub(rf"({org_word_alternation('council_stem')})(?:et|en)$", r"\1", word.casefold())


def _is_council(name: str, st) -> bool:
    """"Odense Byråd", "Byråd": the document's own council ("Byrådet Odense") written another way."""
    if st.council is None:
        return False
    words = name.split()
    heads = {_stem(w) for w in st.council.surface.split()}
    return _stem(words[-1]) in heads and (len(words) == 1 or st.gz.lookup_municipality(" ".join(words[:-1])) is not None)


def _known_names(st) -> set[str]:
    """The organisations the document's facts already name (its council, memberships, gazetteer mentions)."""
    f = st.facts
    names = {_fold(o.surface) for o in f.organizations}
    names |= {_fold(ms.organization.surface) for ms in f.memberships if ms.organization is not None}
    if st.council is not None:  # "Byrådet Vejen" is also the "Byrådet" of the text
        names.add(_fold(st.council.surface))
        names.add(_fold(st.council.surface.split()[0]))
    if st.doc.generic_council:
        names.add(_fold(st.doc.generic_council))
    return names


def unknown_organizations(st) -> None:
    """Every organisation no reference list knows that the document names by its form, once, where first
    named -> st.facts.review_organizations; a gazetteer name shared by several regional bodies ("Regionsrådet",
    "Forretningsudvalget") is the one of the document's region when that picks one, else (when the document
    names none of those bodies otherwise) an organisation of the document awaiting review."""
    known = _known_names(st)
    region = st.region or _document_region(st)
    heads = _named_heads(st)
    found: list[tuple[str, str, str, object]] = []  # (name, scope, classification, line)
    regional: list[tuple[str, object]] = []
    for ln in st.doc.source.lines:
        d = st.parsed.get((ln.line, ln.text))
        forms = (d._.gb_org_forms or []) if d is not None else org_form_spans(ln.text) if ln.text.strip() else []
        if d is not None:
            regional += [(name, ln) for name in _regional(st, d, ln, known, region)]
        found += [(f.name, f.scope, f.classification, ln) for f in forms
                  if not (_fold(f.name) in known or _is_council(f.name, st) or _gazetteer_knows(st.gz, f.name, heads))]
    placed = _placed_ids(st.facts)
    found += [(name, "local", "regional body", ln) for name, ln in regional
              if not any(b.org_id in placed for b in st.gz.lookup_org_candidates(name))]
    where = document_scope(st) if found else None
    seen: set[str] = set()
    for name, scope, classification, ln in sorted(found, key=lambda t: t[3].line):
        oid = review_id(name, scope, where)
        if oid not in seen:
            seen.add(oid)
            st.facts.review_organizations.append(OrgMention(
                surface=name, kind="body", ref_id=oid, evidence=st.ev(ln), classification=classification))


def _placed_ids(f) -> set[str]:
    """Every body the document's facts point to (named, memberships, seats, areas' bodies)."""
    refs = [ms.organization for ms in f.memberships] + [am.organization for am in f.area_memberships]
    refs += [s.organization for s in f.seats]
    return {o.ref_id for o in f.organizations} | {r.org_id for r in refs if r is not None and r.org_id}


def _named_heads(st) -> frozenset[str]:
    """The first words of the longer names of the bodies the document names ("embedsmandsudvalget" of
    "Embedsmandsudvalget for Sundhed"): written alone in that text, they refer back to the body."""
    out = set()
    for o in st.facts.organizations:
        b = st.gz.orgs.get(o.ref_id)
        words = b.name.split() if b is not None else []
        for n in range(1, min(len(words), 4)):
            out.add(_fold(" ".join(words[:n])))
    return frozenset(out)


def _gazetteer_knows(gz, name: str, heads: frozenset[str]) -> bool:
    """The reference data know the name (an alias, maybe of several regional bodies), or it is the start of the
    longer name of a body the document names (`heads`): not an organisation to review."""
    return bool(gz.lookup_org_candidates(name)) or _fold(name) in heads


def _document_region(st) -> Optional[str]:
    """The region of a document whose council does not say: the one region every region and municipality it
    names (as "Region X", "X Kommune" or a bare place) belongs to; None when it names areas of two regions."""
    regions = set()
    for ln in st.doc.source.lines:
        d = st.parsed.get((ln.line, ln.text))
        for e in (doc_ents(d) if d is not None else ()):
            if e.label_ == "REGION" and e.ent_id_:
                regions.add(e.ent_id_)
            elif e.label_ == "MUNICIPALITY" and e.ent_id_ and ("ommune" in e.text or _bare_place(ln.text, e)):
                muni = st.gz.municipalities.get(e.ent_id_)
                regions.add(muni.regionskode if muni is not None else None)
    return next(iter(regions)) if len(regions) == 1 else None


def _regional(st, d: Doc, ln, known: set[str], region: Optional[str]) -> list[str]:
    """Gazetteer names several regional bodies share ("Regionsrådet", "Forretningsudvalget", "SSU"): the one of
    the document's region when that picks one (-> st.facts.organizations, never guessed); the full names no region
    picks are returned (an organisation of the document awaiting review: the text names a body, whose is open).
    An abbreviation is read only with the region of the document's council: a municipality's "SSU" is as often its
    own Social- og Sundhedsudvalget as the region's Sundhedssamarbejdsudvalget."""
    left = []
    for e in doc_ents(d):
        if e.label_ not in ("BODY", "COUNCIL") or e.ent_id_ or _fold(e.text) in known:
            continue
        abbreviation = e.text.isupper()
        rec = st.gz.lookup_org(e.text, st.region if abbreviation else region)
        if rec is None and not abbreviation and e.text[:1].isupper():  # "regionsrådet for …": a common noun
            left.append(" ".join(e.text.split()))
        elif rec is not None and all(o.ref_id != rec.org_id for o in st.facts.organizations):
            st.facts.organizations.append(OrgMention(surface=e.text, kind=rec.kind if rec.kind == "council"
                                                     else "body", ref_id=rec.org_id, evidence=st.ev(ln)))
    return left


@lru_cache(maxsize=1)
def _also_words() -> frozenset[str]:
    """Municipality names that are also Danish words (graphbuild/data/municipality_words.txt)."""
    text = resources.files("graphbuild").joinpath("data", "municipality_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_CAP_BEFORE = re.compile(r"[A-ZÆØÅ][\w-]*\s+$")
_CAP_AFTER = re.compile(r"^\s+[A-ZÆØÅ0-9]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")


def _bare_place(text: str, e) -> bool:
    """A municipality named bare as a place ("i Middelfart", "4000 Roskilde", "(A), Aarhus"): written with a
    capital, not glued to another capitalised word ("Aalborg Vand", "Lars Kolding"), and not a word that
    only looks like one at a sentence start ("Vejen til …")."""
    before, after = text[:e.start_char], text[e.end_char:]
    if not e.text[:1].isupper() or "ommune" in e.text:
        return False
    if _SENTENCE_START.search(before):
        return e.text not in _also_words()
    return not _CAP_BEFORE.search(before) and not _CAP_AFTER.match(after)


def named_places(st) -> None:
    """Every municipality the document names bare, as a place, and every region it names as "Region X", once,
    where first named -> st.facts.places; a name inside an organisation's ("Aalborg Vand A/S") is the
    organisation's."""
    seen = {o.ref_id for o in st.facts.organizations if o.kind == "municipality"}
    regions = {o.ref_id for o in st.facts.organizations if o.kind == "region" and o.surface.startswith("Region")}
    for ln in st.doc.source.lines:
        d = st.parsed.get((ln.line, ln.text))
        if d is None:
            continue
        inside = [(f.start, f.end) for f in d._.gb_org_forms or ()]
        for e in doc_ents(d):
            if e.label_ == "REGION" and e.ent_id_ and e.text.startswith("Region ") and e.ent_id_ not in regions:
                regions.add(e.ent_id_)  # "Region Syddanmark": the authority, named
                st.facts.places.append(OrgMention(surface=e.text, kind="region", ref_id=e.ent_id_, evidence=st.ev(ln)))
            if e.label_ != "MUNICIPALITY" or not e.ent_id_ or e.ent_id_ in seen:
                continue
            if any(s < e.end_char and x > e.start_char for s, x in inside) or not _bare_place(ln.text, e):
                continue
            seen.add(e.ent_id_)
            st.facts.places.append(OrgMention(surface=e.text, kind="municipality", ref_id=e.ent_id_,
                                              evidence=st.ev(ln)))
