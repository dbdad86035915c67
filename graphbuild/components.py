"""spaCy components for extraction: small, named, one job each, rules only.

Every component looks at ONE normalised line (one spaCy Doc) and writes what it
found to a Doc extension; the cross-line logic (which block a line is in, which
item it belongs to, a signature spread over two lines) lives in extract.py.
Components first test a cheap keyword/word-set on the line text and return at once when
it does not match; LineGate (end of this module) keeps lines that cannot match out of the
pipeline altogether, and GazetteerRuler is spaCy's EntityRuler without its per-Doc overhead
(phrase patterns only; see docs/extraction.md, Performance).

Extensions written (all default None / empty):
  doc._.gb_participant  dict(name, party, place, role) for "Name (A), X Kommune (formand)"
  doc._.gb_person_roles list of dict(name, role, org, org_label, org_id, place, start)
  doc._.gb_role_only    dict(role, org, org_label, org_id) for a line that is only a role ("Formand for KKR Sjælland")
  doc._.gb_name_only    str, a line that is only a person's name ("Carsten Krabbe")
  doc._.gb_reports      list of dict(name, org, org_label, org_id, start)
  doc._.gb_appointments list of dict(kind, name, party, org, place, start, ...)
  doc._.gb_outcome      (outcome, start) of the first decision verb on the line
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

# --------------------------------------------------------------------- names
UP = "A-ZÆØÅÉÖÜÄ"
LO = "a-zæøåéöüäëïáàèíóú"
_WORD = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
_INITIAL = rf"[{UP}]\."
# 2-4 capitalised tokens, a middle initial allowed ("Allan S. Andersen")
NAME = rf"{_WORD}(?: (?:{_WORD}|{_INITIAL})){{0,2}} {_WORD}"
NAME_RE = re.compile(rf"^{NAME}$")

# capitalised words that start sentences/organisations, never a first name
NOT_FIRST = {
    "Region", "Regionen", "Det", "Den", "De", "Dette", "Der", "Denne", "Kommune", "Kommunen", "Kommunerne",
    "Formandskabet", "Formanden", "Næstformanden", "Borgmester", "Borgmesteren", "Direktør", "Direktøren",
    "Formand", "Næstformand", "Indstilling", "Indstillingen", "Indstillingerne", "Beslutning", "Baggrund",
    "Sagsfremstilling", "Bilag", "Med", "Venlig", "Hilsen", "Kære", "Dato", "Sted", "Side", "Ifølge", "Under",
    "Hvis", "Når", "Nyt", "Ny", "Nye", "Politisk", "Politiske", "Danske", "Dansk", "Danmarks", "Danmark",
    "Greater", "Erhvervshus", "Erhvervshuset", "Sundhedsklynge", "Klynge", "Adm", "Administrerende", "Liberal",
    "Radikale", "Socialistisk", "Enhedslisten", "Venstre", "Konservative", "Alternativet", "Moderaterne",
    "Nye", "Kristendemokraterne", "Socialdemokratiet", "Folkeparti", "Partiet", "Mission", "Vision", "Et", "En",
    "Til", "For", "Fra", "Om", "Og", "Af", "På", "I", "Som", "Hvad", "Hvem", "Hvordan", "Hvor", "Hvilke",
    "Uddannelses", "Forskningsstyrelsen", "Styrelsen", "Ministeriet", "Sekretariatet", "Tlf", "Tel", "Att",
    # list headings glued to the first name of a list ("Medlemmer Birgit Lund Terp", "Punkt Titel")
    "Medlemmer", "Deltagere", "Mødedeltagere", "Fraværende", "Afbud", "Punkt", "Pkt",
}
NOT_NAME_TOKEN = {"Kommune", "Regionskommune", "Hovedstaden", "Sjælland", "Region", "KKR", "KL", "Udvalg",
                  "Udvikling", "Regional", "Kommunes", "Hovedstadens"}


def plausible_name(name: str) -> bool:
    toks = name.split()
    if not 2 <= len(toks) <= 4 or not NAME_RE.match(name):
        return False
    if toks[0] in NOT_FIRST or toks[0].endswith("s") and toks[0][:-1] in NOT_FIRST:
        return False
    return not any(t in NOT_NAME_TOKEN for t in toks)


_NAME_AT = re.compile(NAME)


def has_name(text: str) -> bool:
    """A plausible person name starts at some word of text."""
    for w in re.finditer(rf"(?<![\w-])[{UP}]", text):
        m = _NAME_AT.match(text, w.start())
        if m and any(plausible_name(" ".join(m.group(0).split()[:k])) for k in (4, 3, 2)):
            return True
    return False


# --------------------------------------------------------------------- roles
DEFAULT_ROLE_WORDS = [
    "administrerende direktør", "adm. direktør", "kommunaldirektør", "direktør", "vicedirektør",
    "borgmester", "viceborgmester", "rådmand", "fagborgmester", "regionsrådsformand", "regionsrådsmedlem",
    "regionspolitiker", "formand", "næstformand", "medformand", "rektor", "fuldmægtig", "chefkonsulent",
    "konsulent", "sekretariatschef", "kontorchef", "centerchef", "afdelingschef", "enhedschef", "souschef", "chef",
    "vicekommunaldirektør", "sundhedsdirektør", "dekan",
    "bestyrelsesformand", "bestyrelsesmedlem", "medlem",
]
CANONICAL_ROLE = {"adm. direktør": "administrerende direktør", "formanden": "formand",
                  "næstformanden": "næstformand", "borgmesteren": "borgmester", "direktøren": "direktør"}

ORG_LABELS = {"BODY", "COUNCIL", "REGION", "MUNICIPALITY", "PARTY"}
_TERMINATOR = (r"(?=\s*(?:[,.;:)]|$)|\s+(?:og|vil|har|er|giver|fra|introducerer|udpeges|blev|orienterer|"
               r"præsenterer|deltager|fortæller|holder|indleder|kommer|gav|var|som|samt|på|med)\b)")


def _role_alt(role_words: list[str]) -> str:
    words = sorted({w.lower() for w in role_words if w}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per Doc (spaCy rebuilds it from the tokens on every access)."""
    t = doc.user_data.get("gb_text")
    if t is None:
        t = doc.user_data["gb_text"] = doc.text
    return t


def doc_ents(doc: Doc) -> list:
    """doc.ents, built once per Doc (after the entity ruler)."""
    e = doc.user_data.get("gb_ents")
    if e is None:
        e = doc.user_data["gb_ents"] = list(doc.ents)
    return e


def _ent_at(doc: Doc, char: int, labels=ORG_LABELS):
    for e in doc_ents(doc):
        if e.start_char == char and e.label_ in labels:
            return e
    return None


def _ents_overlapping(doc: Doc, start: int, end: int, labels=ORG_LABELS):
    return [e for e in doc_ents(doc) if e.label_ in labels and e.start_char < end and e.end_char > start]


def _org_info(doc: Doc, start: int, end: int) -> dict:
    """The organisation phrase doc_text(doc)[start:end]; entity id/label when the phrase is one entity."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", doc_text(doc)[start:end].strip(" ,"))
    end = start + len(doc_text(doc)[start:end]) - len(doc_text(doc)[start:end].lstrip(" ,")) + len(text)
    ents = _ents_overlapping(doc, start, end)
    info = dict(org=text or None, org_label=None, org_id=None)
    if ents:
        e = ents[0]
        if e.text.strip() == text or len(ents) == 1 and len(e.text) >= len(text) - 3:
            info.update(org_label=e.label_, org_id=e.ent_id_ or None)
    return info


def _find_name(doc: Doc, start: int, limit: int = 120):
    """First plausible person name at/after `start` that is not inside an organisation entity."""
    text = doc_text(doc)
    for m in re.finditer(NAME + _TERMINATOR, text[start:start + limit]):
        s, e = start + m.start(), start + m.end()
        name = m.group(0)
        ents = _ents_overlapping(doc, s, e)
        if ents:  # "Bornholm Jakob Trøst": drop a leading place/organisation
            last = max(x.end_char for x in ents)
            if last >= e:
                continue
            rest = text[last:e].strip(" ,")
            if plausible_name(rest):
                return last + (len(text[last:e]) - len(text[last:e].lstrip(" ,"))), rest
            continue
        if plausible_name(name):
            return s, name
        toks = name.split()
        if len(toks) >= 3 and plausible_name(" ".join(toks[1:])):  # leading non-name word
            sub = " ".join(toks[1:])
            return s + len(name) - len(sub), sub
    return None


# ------------------------------------------------------------ entity ruler
def phrase_patterns(patterns: list[dict]) -> tuple[list[dict], set[str]]:
    """Gazetteer patterns as phrase patterns only, and the words that must match case-sensitively.

    A token pattern made of ORTH-only tokens (the gazetteer's abbreviations: [{"ORTH": "KL"}]) becomes the
    phrase pattern "KL"; its words go into the returned set.  With case_sensitive_norms() and
    phrase_matcher_attr="NORM" the ruler then needs no token Matcher at all (the Matcher costs more per line
    than tokenising it): words in the set match exactly as written ("KL", not "kl." or "Kl"), every
    other word case-insensitively, as phrase_matcher_attr="LOWER" did.  Other token patterns are kept.
    """
    out, exact = [], set()
    for p in patterns:
        pat = p.get("pattern")
        if isinstance(pat, list) and pat and all(isinstance(t, dict) and set(t) == {"ORTH"} for t in pat):
            words = [t["ORTH"] for t in pat]
            exact.update(words)
            out.append(dict(p, pattern=" ".join(words)))
        else:
            out.append(p)
    return out, exact


def case_sensitive_norms(nlp: Language, exact: set[str]) -> None:
    """NORM = the default norm (lower case), except for the words in `exact`, which keep their case."""
    base = nlp.vocab.lex_attr_getters.get(NORM) or (lambda w: w.lower())
    words = frozenset(exact)

    def norm(w: str, _base=base, _words=words) -> str:
        return w if w in _words else _base(w)

    nlp.vocab.lex_attr_getters[NORM] = norm
    for w in words:  # lexemes that exist already (the tokenizer's special cases)
        nlp.vocab[w].norm_ = w


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler without its per-Doc bookkeeping.

    EntityRuler.match() counts every pattern (len(self)) and runs the token Matcher on each Doc even
    when the ruler has phrase patterns only; on short lines that costs more than the matching itself.
    Matching and entity setting are EntityRuler's own (longest match first, overwrite_ents honoured).
    """

    def match(self, doc: Doc):
        matches = self.phrase_matcher(doc)
        if self.token_patterns:
            matches = list(self.matcher(doc)) + list(matches)
        if not matches:
            return matches
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc, matches):
        """EntityRuler.set_annotations, minus its token scan for existing entities when overwrite_ents is on
        (it tests `any(t.ent_type ...)` before `not self.overwrite`)."""
        if not matches:
            return
        entities = list(doc.ents)
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in matches:
            if not self.overwrite and any(t.ent_type for t in doc[start:end]):
                continue
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self._ent_ids:
                    label, ent_id = self._ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                if entities:
                    entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities


@Language.factory("graphbuild_entity_ruler", default_config={
    "phrase_matcher_attr": None, "validate": False, "overwrite_ents": False, "ent_id_sep": "||"})
def make_gazetteer_ruler(nlp: Language, name: str, phrase_matcher_attr, validate: bool, overwrite_ents: bool,
                         ent_id_sep: str):
    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                          overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep)


_COORDINATED = re.compile(r"(?P<org>\S.*?)(?:\s*,|\s+og)\s+(?:[\w-]+-)?$")
_ORG_STOP = r"(?=\s*(?:[,.;:()]|$)|\s+(?:og|samt|siden|fra|til|frem|hvor|som|med|herunder)\b)"
# a generic definite noun ("bestyrelsen") refers back to "GCPHEUs bestyrelse" earlier in the sentence
_GENERIC_BODY = {"bestyrelsen": "bestyrelse", "styrelsen": "styrelse", "udvalget": "udvalg",
                 "styregruppen": "styregruppe", "repræsentantskabet": "repræsentantskab", "direktionen": "direktion",
                 "præsidiet": "præsidium", "rådet": "råd"}


def _antecedent(text: str, before: int, info: dict) -> dict:
    """info for 'bestyrelsen' -> the owner of the nearest preceding 'Xs bestyrelse' in the same sentence."""
    org = (info.get("org") or "").strip()
    stem = _GENERIC_BODY.get(org.lower())
    if stem is None or info.get("org_label"):
        return info
    sentence = re.split(r"[.;:]\s", text[:before])[-1]
    owners = re.findall(rf"([{UP}][\w-]*?)(?:'s|s|')\s+{stem}\b", sentence)
    if not owners:
        return info
    return dict(info, org=owners[-1], org_label=None, org_id=None)


# ---------------------------------------------------------------- extensions
for _ext, _default in (("gb_participant", None), ("gb_person_roles", None), ("gb_role_only", None),
                       ("gb_name_only", None), ("gb_reports", None), ("gb_appointments", None),
                       ("gb_outcome", None)):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=_default)


# ------------------------------------------------------------- participants
_PARTICIPANT = re.compile(
    rf"^(?P<name>[^,()]+?)\s*,?\s*\((?P<party>[{UP}]{{1,3}})\)\s*,?\s*(?P<rest>.*?)\s*$")
_NO_PARTY = re.compile(r"^(?P<name>[^,()]+?)\s*,\s*(?P<rest>[^()]+?)\s*(?:\((?P<role>[^)]*)\))?\s*$")
_TRAILING_ROLE = re.compile(r"^(?P<place>.*?)\s*(?:\((?P<role>[^)]*)\))?\s*$")


_PARTICIPANT_START = re.compile(rf"{NAME}\s*[,(]")  # both forms start with a whole name, then "," or "("


_BULLET = re.compile(r"^[•◦▪●·‣⁃○■□➢►–-]\s+|^\d{1,2}\.\s+(?=\S)")  # list bullets and "1. " numbering


def parse_participant(text: str) -> Optional[dict]:
    t = _BULLET.sub("", " ".join(text.split()))
    if not _PARTICIPANT_START.match(t):
        return None
    m = _PARTICIPANT.match(t)
    if m:
        name = m.group("name").strip()
        r = _TRAILING_ROLE.match(m.group("rest"))
        place = (r.group("place") or "").strip(" ,") or None
        role = (r.group("role") or "").strip().lower() or None
        if plausible_name(name):
            return dict(name=name, party=m.group("party"), place=place, role=role)
        return None
    m = _NO_PARTY.match(t)
    if m and plausible_name(m.group("name").strip()):
        return dict(name=m.group("name").strip(), party=None, place=m.group("rest").strip(" ,") or None,
                    role=(m.group("role") or "").strip().lower() or None)
    return None


class Participants:
    """'Steen Christiansen (A), Albertslund Kommune (formand)' -> doc._.gb_participant."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if "(" in doc_text(doc) or "," in doc_text(doc):
            doc._.gb_participant = parse_participant(doc_text(doc))
        return doc


@Language.factory("graphbuild_participants")
def make_participants(nlp: Language, name: str):
    return Participants(nlp, name)


# ------------------------------------------------------------ person + role
class PersonRoles:
    """People named with a role: 'Direktør for Erhvervshus Hovedstaden Katrine Paaby Joensen',
    'Birgitte Wederking, direktør for Greater Copenhagen EU Office', 'Borgmester Niels Hörup, Solrød',
    and lines that are only a role ('Formand for KKR Sjælland') or only a name (signatures)."""

    def __init__(self, nlp: Language, name: str, role_words: list[str]):
        self.name = name
        alt = _role_alt(role_words or DEFAULT_ROLE_WORDS)
        prefix = rf"(?:(?P<pre>[{UP}][{UP}{LO}0-9]*)-)?"
        # ROLE [for|i|hos ORG][,] NAME
        self.role_first = re.compile(rf"(?<![\w-]){prefix}(?P<role>{alt})(?P<prep>\s+(?:for|i|hos|ved)\s+|,?\s+)")
        # NAME, ROLE [for|i ORG]
        self.name_first = re.compile(rf"(?P<name>{NAME}),\s+{prefix}(?P<role>{alt})\b"
                                     rf"(?:(?:\s+(?:for|i|hos|ved)\s+|,\s+)(?P<org>[^,.;()*]+?))?"
                                     rf"\s*(?:\([^)]*\))?(?=\s*(?:[,.;*]|$)|\s+(?:vil|giver|på|har|er|introducerer|"
                                     rf"deltager|fortæller|orienterer|præsenterer)\b|\s+og\s+(?:[{UP}]|{alt})|\s+og\s*$)")
        self.role_only = re.compile(rf"^{prefix}(?P<role>{alt})(?:(?:\s+(?:for|i|hos|ved)\s+|,\s*|\s+)(?P<org>.+?))?\s*$")
        self.keyword = re.compile(alt)
        # NAME er|var [adverb] [OWNER's] ROLE i|for|hos|ved ORG  (a copula sentence naming a seat)
        self.name_is = re.compile(rf"(?P<name>{NAME})\s+(?:er|var|bliver|blev)\s+(?:(?:aktuelt|nu|fortsat|også|"
                                  rf"desuden|tillige|stadig)\s+)?(?:[^,.;()]{{0,40}}?s\s+)?(?P<role>{alt})\s+"
                                  rf"(?:i|for|hos|ved)\s+(?P<org>[^,.;()]+?){_ORG_STOP}")
        # every rule below needs a whole role word (maybe after "KKR-"): the first word of a role phrase
        self.heads = role_heads(role_words or DEFAULT_ROLE_WORDS)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        stripped = text.strip()
        if NAME_RE.match(stripped) and plausible_name(stripped) and not _ents_overlapping(doc, 0, len(text)):
            doc._.gb_name_only = stripped
            return doc
        if self.heads.isdisjoint(_GATE_WORD.findall(text.lower())):
            return doc
        found = []
        m = self.role_only.match(stripped)
        if m and len(stripped) <= 80 and not has_name(stripped[m.end("role"):]):
            org = None
            if m.group("org"):
                off = text.index(stripped)
                info = _org_info(doc, off + m.start("org"), off + m.end("org"))
            else:
                info = dict(org=m.group("pre"), org_label=None, org_id=None)
            doc._.gb_role_only = dict(role=_canon(m.group("role")), **info)
            return doc
        for m in self.role_first.finditer(text):
            if not m.group("role")[0].isupper() and m.start() > 0 and text[m.start() - 1] not in " (\"'*":
                continue
            after = m.end()
            prep = m.group("prep").strip(" ,")
            info = dict(org=m.group("pre"), org_label=None, org_id=None)
            if prep:  # "direktør for <ORG> <NAME>"
                ent = _ent_at(doc, after)
                if ent is not None:
                    info = dict(org=ent.text, org_label=ent.label_, org_id=ent.ent_id_ or None)
                    hit = _find_name(doc, ent.end_char, 60)
                    if hit and text[ent.end_char:hit[0]].strip(" ,") == "":
                        found.append(dict(name=hit[1], role=_canon(m.group("role")), place=None, start=hit[0], **info))
                        continue
                hit = _find_name(doc, after, 140)
                if hit:
                    between = text[after:hit[0]]
                    if between.strip(" ,") and not re.search(r"[.;:]", between):
                        km = self.keyword.search(between)
                        if km is None and ent is not None:
                            continue  # "direktør for <ORG> <words> <NAME>": no reading
                        if km is None:
                            info = _org_info(doc, after, after + len(between.rstrip(" ,")))
                        else:
                            # "repræsentant i GCPHEUs bestyrelse og formand for bestyrelsen (2023-2024) NAME":
                            # two coordinated roles before one name; the next role is matched on its own
                            # "Formand for VUB (VUB), kommunaldirektør i Ballerup Kommune, Eik Møller": in apposition
                            co = _COORDINATED.match(between[:km.start()])
                            if co is None:
                                continue
                            if ent is not None and ent.end_char <= after + co.end("org"):
                                info = dict(org=ent.text, org_label=ent.label_, org_id=ent.ent_id_ or None)
                            else:
                                info = _org_info(doc, after, after + co.end("org"))
                        info = _antecedent(text, m.start(), info)
                        found.append(dict(name=hit[1], role=_canon(m.group("role")), place=None, start=hit[0], **info))
                continue
            # "Borgmester Niels Hörup, Solrød" / "KKR-næstformand Karsten Längerich"
            nm = re.match(NAME + _TERMINATOR, text[after:])
            if nm and plausible_name(nm.group(0)) and not _ents_overlapping(doc, after, after + nm.end()):
                place = None
                pm = re.match(rf",\s*(?P<place>[{UP}][\w-]+(?:\s+Kommune)?)\s*$", text[after + nm.end():])
                if pm:
                    place = pm.group("place")
                found.append(dict(name=nm.group(0), role=_canon(m.group("role")), place=place, start=after,
                                  line_start=m.start() == 0, **info))
        for m in self.name_is.finditer(text):  # "Karsten Längerich er aktuelt KKR Hovedstadens repræsentant i ..."
            if not plausible_name(m.group("name")):
                continue
            info = _antecedent(text, m.start("role"), _org_info(doc, m.start("org"), m.end("org")))
            found.append(dict(name=m.group("name"), role=_canon(m.group("role")), place=None, start=m.start(), **info))
        for m in self.name_first.finditer(text):
            if not plausible_name(m.group("name")):
                continue
            info = dict(org=m.group("pre"), org_label=None, org_id=None)
            if m.group("org"):
                info = _org_info(doc, m.start("org"), m.end("org"))
            found.append(dict(name=m.group("name"), role=_canon(m.group("role")), place=None, start=m.start(), **info))
        if found:
            doc._.gb_person_roles = found
        return doc


_GATE_WORD = re.compile(r"\w+")


def role_heads(role_words: list[str]) -> frozenset[str]:
    """The first word of each role phrase, lower-cased: 'administrerende', 'adm', 'formand', 'medlem'."""
    return frozenset(_GATE_WORD.findall(w.lower())[0] for w in role_words if _GATE_WORD.search(w))


def _canon(role: str) -> str:
    r = " ".join(role.lower().split())
    return CANONICAL_ROLE.get(r, r)


@Language.factory("graphbuild_person_roles", default_config={"role_words": DEFAULT_ROLE_WORDS})
def make_person_roles(nlp: Language, name: str, role_words: list[str]):
    return PersonRoles(nlp, name, role_words)


# ------------------------------------------------------------- body reports
_REPORT_FROM = re.compile(rf"(?P<name>{NAME}) oplyste fra (?P<org>[^,]+?), at")
_REPORT_THAT = re.compile(rf"(?P<name>{NAME}) oplyste, at (?P<org>\S+(?: [{UP}]\S*)*) (?:har|står|er|vil|skal)\b")


class BodyReports:
    """'Ole Bjørstorp oplyste fra RAR Hovedstaden, at ...' -> doc._.gb_reports."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if "oplyste" not in doc_text(doc):
            return doc
        found = []
        for m in _REPORT_FROM.finditer(doc_text(doc)):
            if plausible_name(m.group("name")):
                found.append(dict(name=m.group("name"), start=m.start(),
                                  **_org_info(doc, m.start("org"), m.end("org"))))
        for m in _REPORT_THAT.finditer(doc_text(doc)):
            info = _org_info(doc, m.start("org"), m.end("org"))
            if plausible_name(m.group("name")) and (info["org_label"] or m.group("org").lower().endswith("udvalget")):
                found.append(dict(name=m.group("name"), start=m.start(), **info))
        if found:
            doc._.gb_reports = found
        return doc


@Language.factory("graphbuild_body_reports")
def make_body_reports(nlp: Language, name: str):
    return BodyReports(nlp, name)


# ------------------------------------------------------------- appointments
_PERSON_PARTY = rf"(?P<name>{NAME})(?:\s*\((?P<party>[{UP}]{{1,3}})\))?"
_BODY = r"(?P<org>[^,.;]+?)"
_ORG_END = r"(?=\s*(?:[,.;]|$)|\s+(?:og|med|pr\.|per|fra og med)\b)"
APPOINTMENT_RULES = [
    # "X (I) har ønsket at trække sig fra bestyrelsen i IBOS"; "X (L) har meddelt, at hun udtræder af ..."
    ("resigned", re.compile(rf"{_PERSON_PARTY}[^.;]*?\b(?:udtræder|udtrådt|trække sig|trækker sig|trukket sig|"
                            rf"fratræder|stopper)\s+(?:af|fra|i|som)\s+{_BODY}{_ORG_END}")),
    # "og i stedet indtræder X (B) fra Rudersdal Kommune"
    ("appointed", re.compile(rf"\b(?:indtræder|indtræde)\s+{_PERSON_PARTY}(?:\s+fra\s+(?P<place>[{UP}][\w-]*(?:\s+Kommune)?))?")),
    ("appointed", re.compile(rf"{_PERSON_PARTY}(?:\s+fra\s+(?P<place>[{UP}][\w-]*(?:\s+Kommune)?))?\s+"
                             rf"(?:er|blev)\s+udpeget\s+(?:som\s+\w+\s+)?(?:til|i)\s+{_BODY}{_ORG_END}")),
    # "indstiller, at KKR-næstformand Karsten Längerich udpeges som repræsentant til den politiske udviklingsgruppe"
    ("proposed", re.compile(rf"(?:indstiller|foreslår|anbefaler|indstilles),?\s+at\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_PARTY}"
                            rf"(?:\s+fra\s+(?P<place>[{UP}][\w-]*(?:\s+Kommune)?))?\s+(?:udpeges|genudpeges|vælges|indstilles)"
                            rf"(?:\s+som\s+(?P<as>[\w-]+))?(?:\s+(?:til|i)\s+{_BODY}{_ORG_END})?")),
    ("proposed", re.compile(rf"{_PERSON_PARTY}(?:\s+fra\s+(?P<place>[{UP}][\w-]*(?:\s+Kommune)?))?\s+foreslås"
                            rf"(?:\s+som\s+(?P<as>[\w-]+))?(?:\s+(?:til|i)\s+{_BODY}{_ORG_END})?")),
]
_PARTY_NAME = (r"(?P<party>Socialdemokratiet|Radikale Venstre|Det Konservative Folkeparti|Konservative|"
               r"Nye Borgerlige|SF|Socialistisk Folkeparti|Liberal Alliance|Kristendemokraterne|Moderaterne|"
               r"Dansk Folkeparti|Venstre|Danmarksdemokraterne|Enhedslisten|Alternativet)"
               r"(?:\s*\((?P<abbr>[^)]{1,4})\))?")
SEAT_RULES = [
    # "Det er i henhold til konstitueringsaftalen Liberal Alliance, som besætter posten."
    ("offered", re.compile(rf"konstitueringsaftalen,?\s+(?:er\s+det\s+)?{_PARTY_NAME},?\s+som\s+besætter")),
    ("offered", re.compile(rf"(?:pladsen|posten|sædet)\s+tilbydes\s+(?:til\s+)?{_PARTY_NAME}")),
    ("declined", re.compile(rf"(?:{_PARTY_NAME}|(?P<abbr2>[{UP}]{{1,3}}))\s+(?:har\s+(?:imidlertid\s+)?oplyst,\s+at\s+man\s+ikke\s+kan\s+besætte|"
                            rf"ikke\s+har\s+indmeldt\s+kandidat)")),
    ("invited", re.compile(r"(?:inviterede|inviteres|opfordres|bedes)\b[^;]{0,120}?\b(?:til\s+at\s+(?:indstille|udpege|meddele|"
                           r"indmelde)|kandidat)")),
    ("vacant", re.compile(r"\bskal\s+udpeges\s+(?:et\s+)?nyt?\s+(?:bestyrelses)?medlem")),
]


class Appointments:
    """Resignations, entries, proposals; seats offered to parties; invitations -> doc._.gb_appointments."""

    KEYWORDS = re.compile(r"udtræde|udtrådt|trække sig|trækker sig|trukket sig|fratræder|indtræde|udpeg|"
                          r"foreslås|konstitueringsaftale|tilbydes|besætte|invitere|indstille|bedes")

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if not self.KEYWORDS.search(text):
            return doc
        found = []
        for kind, rx in APPOINTMENT_RULES:
            for m in rx.finditer(text):
                if not plausible_name(m.group("name")):
                    continue
                g = m.groupdict()
                found.append(dict(kind=kind, name=g["name"], party=g.get("party"), org=(g.get("org") or None),
                                  place=g.get("place"), role=g.get("as"), start=m.start("name")))
        for kind, rx in SEAT_RULES:
            for m in rx.finditer(text):
                g = m.groupdict()
                found.append(dict(kind="seat_" + kind, name=None, party=g.get("party"),
                                  abbr=g.get("abbr") or g.get("abbr2"), org=None, start=m.start()))
        if found:
            found.sort(key=lambda d: d["start"])
            doc._.gb_appointments = found
        return doc


@Language.factory("graphbuild_appointments")
def make_appointments(nlp: Language, name: str):
    return Appointments(nlp, name)


# --------------------------------------------------------- decision outcome
OUTCOME_RULES = [
    ("postponed", r"\budsat\b|\budsætte\b|\budsatte\b|\budskudt\b"),
    ("approved", r"\bgodkendt(?:e)?\b|\btiltrådte\b|\btiltrådt\b|\bvedtog\b|\bvedtaget\b|\bbesluttede\b|\bbeslutter\b"),
    ("noted", r"\btil\s+efterretning\b|\btog\b[^.]{0,60}\btil\s+orientering\b|\btil\s+orientering\b"),
    ("discussed", r"\bdrøftede\b"),
]
_OUTCOME = re.compile("|".join(f"(?P<{k}>{rx})" for k, rx in OUTCOME_RULES), re.IGNORECASE)


# every alternative of OUTCOME_RULES contains one of these (lower-case); substring tests cost far less than
# the case-insensitive alternation, which most lines fail
_OUTCOME_HINTS = ("udsat", "udsæt", "udskudt", "godkendt", "tiltråd", "vedt", "beslut", "efterretning",
                  "orientering", "drøftede")


def may_have_outcome(text: str) -> bool:
    low = text.lower()
    return any(h in low for h in _OUTCOME_HINTS)


def decision_outcome(text: str) -> Optional[tuple[str, int]]:
    if not may_have_outcome(text):
        return None
    m = _OUTCOME.search(text)
    if not m:
        return None
    return m.lastgroup, m.start()


class DecisionOutcome:
    """First decision verb on a line: approved | noted | discussed | postponed -> doc._.gb_outcome."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.gb_outcome = decision_outcome(doc_text(doc))
        return doc


@Language.factory("graphbuild_decision_outcome")
def make_decision_outcome(nlp: Language, name: str):
    return DecisionOutcome(nlp, name)


# ----------------------------------------------------------------- line gate


class LineGate:
    """Can this line carry anything the components or the entity ruler would find?

    A line goes into the pipeline only if (a) two of its consecutive words are the first two words of a
    gazetteer phrase, or one word is a one-word gazetteer phrase (lower-cased, as the ruler matches),
    (b) one of its words starts a role phrase (PersonRoles needs a whole role word), or it holds an
    appointment keyword, "oplyste" or a decision verb (the components' own gates), or (c) it is a bare
    person name (a signature).  Every test is looser than the component it stands for, so a line turned
    away would have produced nothing.  Most prose lines are turned away; word-set tests, not one big
    regex (an alternation of a hundred role words costs more than tokenising the line).
    """

    def __init__(self, patterns: list[dict], role_words: list[str]):
        self.singles: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.open = False  # a token pattern we cannot reduce to words: let every line through
        for p in patterns:
            pat = p.get("pattern")
            if isinstance(pat, list):
                vals = [next(iter(t.values())) if isinstance(t, dict) and len(t) == 1 and
                        set(t) <= {"ORTH", "LOWER", "TEXT", "NORM"} else None for t in pat]
                if not vals or any(not isinstance(v, str) for v in vals):
                    self.open = True
                    continue
                pat = " ".join(vals)
            words = _GATE_WORD.findall(str(pat).lower())
            if len(words) == 1:
                self.singles.add(words[0])
            elif words:
                self.pairs.add((words[0], words[1]))
            else:
                self.open = True
        self.heads = {a for a, _ in self.pairs}
        # a role is matched as whole words (PersonRoles: role_first, name_first, role_only), maybe after "KKR-"
        self.role_heads = role_heads(role_words or DEFAULT_ROLE_WORDS)

    def __call__(self, text: str) -> bool:
        if self.open or "oplyste" in text or Appointments.KEYWORDS.search(text) or may_have_outcome(text):
            return True
        words = _GATE_WORD.findall(text.lower())
        singles, heads, pairs, roles = self.singles, self.heads, self.pairs, self.role_heads
        for i, w in enumerate(words):
            if w in singles or w in roles:
                return True
            if w in heads and i + 1 < len(words) and (w, words[i + 1]) in pairs:
                return True
        return bool(NAME_RE.match(text.strip()))

    def may_place_person(self, text: str) -> bool:
        """Could the role, report or appointment components find a person here (keyword and a name shape)?"""
        if not (self.open or "oplyste" in text or Appointments.KEYWORDS.search(text) or
                not self.role_heads.isdisjoint(_GATE_WORD.findall(text.lower()))):
            return False
        return bool(_NAME_SHAPE.search(text))


_NAME_SHAPE = re.compile(rf"{_WORD} (?:{_INITIAL} )?{_WORD}")
