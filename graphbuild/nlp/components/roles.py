"""graphbuild_person_roles: people named with a role, role-only and name-only lines."""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...gazetteer import load_gazetteer
from ..names import LO, NAME, NAME_RE, UP, has_name, plausible_name
from ..spans import (COORDINATED, GATE_WORD, ORG_STOP, TERMINATOR, antecedent, canon_role,
                     doc_text, ent_at, ents_overlapping, find_name, org_info, role_alt, role_heads)

# ------------------------------------------------------------ person + role
class PersonRoles:
    """People named with a role: 'Direktør for Erhvervshus Hovedstaden Katrine Paaby Joensen',
    'Birgitte Wederking, direktør for Greater Copenhagen EU Office', 'Borgmester Niels Hörup, Solrød',
    and lines that are only a role ('Formand for KKR Sjælland') or only a name (signatures)."""

    def __init__(self, nlp: Language, name: str, role_words: list[str]):
        self.name = name
        role_words = role_words or load_gazetteer().role_words()
        alt = role_alt(role_words)
        prefix = rf"(?:(?P<pre>[{UP}][{UP}{LO}0-9]*)-)?"
        # ROLE [for|i|hos ORG][,] NAME
        self.role_first = re.compile(rf"(?<![\w-]){prefix}(?P<role>{alt})(?P<prep>\s+(?:for|i|hos|ved)\s+|,?\s+)")
        # NAME, ROLE [for|i ORG]
        self.name_first = re.compile(rf"(?P<name>{NAME}),\s+{prefix}(?P<role>{alt})\b"
                                     rf"(?:(?:\s+(?:for|i|hos|ved)\s+|,\s+)(?P<org>[^,.;()*]+?))?"
                                     rf"\s*(?:\([^)]*\))?(?=\s*(?:[,.;*]|$)|\s+(?:vil|giver|på|har|er|introducerer|samt|"
                                     rf"deltager|fortæller|orienterer|præsenterer)\b|\s+og\s+(?:[{UP}]|{alt})|\s+og\s*$)")
        self.role_only = re.compile(rf"^{prefix}(?P<role>{alt})(?:(?:\s+(?:for|i|hos|ved)\s+|,\s*|\s+)(?P<org>.+?))?\s*$")
        self.keyword = re.compile(alt)
        # NAME er|var [adverb] [OWNER's] ROLE i|for|hos|ved ORG  (a copula sentence naming a seat)
        self.name_is = re.compile(rf"(?P<name>{NAME})\s+(?:er|var|bliver|blev)\s+(?:(?:aktuelt|nu|fortsat|også|"
                                  rf"desuden|tillige|stadig)\s+)?(?:[^,.;()]{{0,40}}?s\s+)?(?P<role>{alt})\s+"
                                  rf"(?:i|for|hos|ved)\s+(?P<org>[^,.;()]+?){ORG_STOP}")
        # every rule below needs a whole role word (maybe after "KKR-"): the first word of a role phrase
        self.heads = role_heads(role_words)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        stripped = text.strip()
        if NAME_RE.match(stripped) and plausible_name(stripped) and not ents_overlapping(doc, 0, len(text)):
            doc._.gb_name_only = stripped
            return doc
        if self.heads.isdisjoint(GATE_WORD.findall(text.lower())):
            return doc
        only = self._role_only(doc, text, stripped)
        if only is not None:
            doc._.gb_role_only = only
            return doc
        found = []
        for m in self.role_first.finditer(text):
            hit = self._role_first(doc, text, m)
            if hit is not None:
                found.append(hit)
        for m in self.name_is.finditer(text):  # "Karsten Längerich er aktuelt KKR Hovedstadens repræsentant i ..."
            if not plausible_name(m.group("name")):
                continue
            info = antecedent(text, m.start("role"), org_info(doc, m.start("org"), m.end("org")))
            found.append(dict(name=m.group("name"), role=canon_role(m.group("role")), place=None, start=m.start(), **info))
        for m in self.name_first.finditer(text):
            if not plausible_name(m.group("name")):
                continue
            info = dict(org=m.group("pre"), org_label=None, org_id=None)
            if m.group("org"):
                info = org_info(doc, m.start("org"), m.end("org"))
            found.append(dict(name=m.group("name"), role=canon_role(m.group("role")), place=None, start=m.start(), **info))
        if found:
            doc._.gb_person_roles = found
        return doc

    def _role_only(self, doc: Doc, text: str, stripped: str) -> Optional[dict]:
        """'Formand for KKR Sjælland': a line that is only a role (a signature's second line)."""
        m = self.role_only.match(stripped)
        if not m or len(stripped) > 80 or has_name(stripped[m.end("role"):]):
            return None
        if m.group("org"):
            off = text.index(stripped)
            info = org_info(doc, off + m.start("org"), off + m.end("org"))
        else:
            info = dict(org=m.group("pre"), org_label=None, org_id=None)
        return dict(role=canon_role(m.group("role")), **info)

    def _role_first(self, doc: Doc, text: str, m) -> Optional[dict]:
        """ROLE [for|i|hos ORG][,] NAME at match m, or None."""
        if not m.group("role")[0].isupper() and m.start() > 0 and text[m.start() - 1] not in " (\"'*":
            return None
        after = m.end()
        role = canon_role(m.group("role"))
        info = dict(org=m.group("pre"), org_label=None, org_id=None)
        if m.group("prep").strip(" ,"):  # "direktør for <ORG> <NAME>"
            return self._role_for_org(doc, text, m, role)
        # "Borgmester Niels Hörup, Solrød" / "KKR-næstformand Karsten Längerich"
        nm = re.match(NAME + TERMINATOR, text[after:])
        if not (nm and plausible_name(nm.group(0)) and not ents_overlapping(doc, after, after + nm.end())):
            return None
        pm = re.match(rf",\s*(?P<place>[{UP}][\w-]+(?:\s+Kommune)?)\s*$", text[after + nm.end():])
        return dict(name=nm.group(0), role=role, place=pm.group("place") if pm else None, start=after,
                    line_start=m.start() == 0, **info)

    def _role_for_org(self, doc: Doc, text: str, m, role: str) -> Optional[dict]:
        """'direktør for <ORG> <NAME>', 'formand for X og borgmester i Y, NAME'."""
        after = m.end()
        ent = ent_at(doc, after)
        if ent is not None:
            info = dict(org=ent.text, org_label=ent.label_, org_id=ent.ent_id_ or None)
            hit = find_name(doc, ent.end_char, 60)
            if hit and text[ent.end_char:hit[0]].strip(" ,") == "":
                return dict(name=hit[1], role=role, place=None, start=hit[0], **info)
        hit = find_name(doc, after, 140)
        if not hit:
            return None
        between = text[after:hit[0]]
        if not between.strip(" ,") or re.search(r"[.;:]", between):
            return None
        km = self.keyword.search(between)
        if km is None and ent is not None:
            return None  # "direktør for <ORG> <words> <NAME>": no reading
        if km is None:
            info = org_info(doc, after, after + len(between.rstrip(" ,")))
        else:
            # "repræsentant i GCPHEUs bestyrelse og formand for bestyrelsen (2023-2024) NAME":
            # two coordinated roles before one name; the next role is matched on its own
            # "Formand for VUB (VUB), kommunaldirektør i Ballerup Kommune, Eik Møller": in apposition
            co = COORDINATED.match(between[:km.start()])
            if co is None:
                return None
            if ent is not None and ent.end_char <= after + co.end("org"):
                info = dict(org=ent.text, org_label=ent.label_, org_id=ent.ent_id_ or None)
            else:
                info = org_info(doc, after, after + co.end("org"))
        info = antecedent(text, m.start(), info)
        return dict(name=hit[1], role=role, place=None, start=hit[0], **info)


@Language.factory("graphbuild_person_roles", default_config={"role_words": []},
                  assigns=["doc._.gb_person_roles", "doc._.gb_role_only", "doc._.gb_name_only"])
def make_person_roles(nlp: Language, name: str, role_words: list[str]):
    return PersonRoles(nlp, name, role_words)

