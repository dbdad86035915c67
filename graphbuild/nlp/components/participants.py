"""graphbuild_participants: one member-list line -> doc._.gb_participant."""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import no_party_words, party_letters_written
from ..names import NAME, UP, plausible_name
from ..spans import doc_text

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
        found = dict(name=m.group("name").strip(), party=None, place=m.group("rest").strip(" ,") or None,
                     role=(m.group("role") or "").strip().lower() or None)
        return _party_after_comma(found)
    return None


# "Stephanie Lose, V", "Villy Søvndal, F - Tine Hundahl Jensen stedfortræder", "Name, løsgænger"
_LETTER_REST = re.compile(rf"^(?P<letter>[{UP}]{{1,3}})(?:\s*$|\s+[-–]\s+)")


def _party_after_comma(found: dict) -> dict:
    """The place of "Name, V" is the party letter V; of "Name, løsgænger" no party, but a member (independent)."""
    rest = found["place"] or ""
    m = _LETTER_REST.match(rest)
    if m and m.group("letter") in party_letters_written() | {"UP"}:
        return dict(found, party=m.group("letter"), place=None)
    if rest.lower() in no_party_words():
        return dict(found, place=None, independent=True)
    return found


class Participants:
    """'Steen Christiansen (A), Albertslund Kommune (formand)' -> doc._.gb_participant."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if "(" in doc_text(doc) or "," in doc_text(doc):
            doc._.gb_participant = parse_participant(doc_text(doc))
        return doc


@Language.factory("graphbuild_participants", assigns=["doc._.gb_participant"])
def make_participants(nlp: Language, name: str):
    return Participants(nlp, name)

