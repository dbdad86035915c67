"""graphbuild_appointments: resignations, entries, proposals, seats -> doc._.gb_appointments."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import party_name_alternation
from ..names import NAME, UP, plausible_name
from ..spans import doc_text

# ------------------------------------------------------------- appointments
_PERSON_PARTY = rf"(?P<name>{NAME})(?:\s*\((?P<party>[{UP}]{{1,3}})\))?"
# a body starts with a word that is no preposition ("er udpeget til i fraværsperioden" names none)
_BODY = r"(?!(?:i|på|for|til|med|fra|af|følgende)\s)(?P<org>[^,.;]+?)"
# "og" ends the body, except in a coordinated compound ("Børne- og Uddannelsesudvalget")
_ORG_END = r"(?=\s*(?:[,.;]|$)|(?<!-)\s+(?:og|med|pr\.|per|fra og med)\b)"
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
_PARTY_NAME = (rf"(?P<party>{party_name_alternation()})"  # the names of parties.csv
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
                found.append(dict(kind="seat", seat=kind, name=None, party=g.get("party"),
                                  abbr=g.get("abbr") or g.get("abbr2"), org=None, start=m.start()))
        if found:
            found.sort(key=lambda d: d["start"])
            doc._.gb_appointments = found
        return doc


@Language.factory("graphbuild_appointments", assigns=["doc._.gb_appointments"])
def make_appointments(nlp: Language, name: str):
    return Appointments(nlp, name)

