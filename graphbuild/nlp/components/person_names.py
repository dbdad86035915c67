"""graphbuild_person_names: every person named in a line, with or without a role -> doc._.gb_names.

A name is two to four capitalised words (a middle initial allowed) that either start with a Danish given
name (graphbuild/data/given_names.txt) or are followed by a party letter "(A)" / a spelled-out party
"(Socialdemokratiet)".  A name inside a gazetteer organisation, or followed by a word that makes it an
organisation or a place ("Skole", "Vej", "Kommune"), is not a person.  A genitive ("Jacob Nettebergs
forslag", "Movias formand") is read in the nominative.  The party letter, a municipality written after it
("Name (V), Ikast-Brande") and the letter as written are kept with the finding.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...gazetteer import load_gazetteer
from ..lexicon import is_given_name, name_words, party_letter_of_name
from ..names import LO, NOT_FIRST, NOT_NAME_TOKEN, UP
from ..spans import doc_text, ents_overlapping

_TOK = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
_PARTICLE = r"(?:(?:de|von|van|du|la)\s)?"  # "Sofie de Bretteville Olsen"
_RUN = re.compile(rf"(?<![\w.-]){_TOK}(?:\s{_PARTICLE}(?:{_TOK}|[{UP}]\.(?:\s?[{UP}]\.)?))*(?![\w-])")
_PARTY = rf"\((?P<party>[{UP}]{{1,3}}|[{UP}][{LO}]+(?:\s[{UP}{LO}][{LO}]+){{0,2}})\)"
_PLACE_END = r"(?=\s*(?:[,.;:(]|$|\s+(?:og|er|var|i|har)\b))"
# "Name (A)", "Name, (A)", "Name (A), Ikast-Brande"; "Name, Helsingør Kommune (C)", "Name, borgmester i Herlev (A)"
_AFTER = re.compile(rf"\s*,?\s*{_PARTY}(?:\s*,\s*(?:[a-zæøå.]+\s+){{0,2}}?(?P<place>{_TOK}(?:\s+Kommune)?){_PLACE_END})?"
                    rf"|,\s*(?:[a-zæøå.]+\s+){{0,3}}?(?P<place2>{_TOK}(?:\s+Kommune)?)\s*{_PARTY.replace('party', 'party2')}")
# words that make a capitalised run an organisation, a place or a thing, not a person
ORG_WORDS = frozenset(name_words("place_or_thing"))
# ... and the role words of graphbuild/data/roles.csv, capitalised ("Formand", "Medlemmer")
STOP_TOKENS = NOT_FIRST | NOT_NAME_TOKEN | frozenset(name_words("heading_noun")) | frozenset(
    w[:1].upper() + w[1:] for w in load_gazetteer().roles if " " not in w)
_FOREIGN = re.compile(r"[äöÄÖ]")
_LOWER_NEXT = re.compile(r"\s+([a-zæøå][\w-]*)")
_FUNCTION_WORDS = frozenset(name_words("function_word"))


def _genitive(tokens: list[str], text: str, end: int) -> list[str]:
    """'Jacob Nettebergs forslag' -> Jacob Netteberg: a last word in -s before a lower-case noun."""
    last = tokens[-1]
    m = _LOWER_NEXT.match(text, end)
    if (len(last) > 4 and last.endswith("s") and not last.endswith("ss") and m
            and m.group(1) not in _FUNCTION_WORDS):
        return tokens[:-1] + [last[:-1]]
    return tokens


# a word ending like these is a title or a common noun, never a surname ("Kommunikationschef", "Orientering")
_NOUN_ENDINGS = name_words("noun_ending")


def _stop(tok: str) -> bool:
    low = tok.lower()
    return tok in STOP_TOKENS or tok.endswith(".") and len(tok) > 2 or low.endswith(_NOUN_ENDINGS) or low in _PARTICLES


_PARTICLES = frozenset(name_words("particle"))


def _names_in_run(tokens: list[str], party_follows: bool) -> list[tuple[int, int]]:
    """(first, last+1) token indexes of each person name in a run of capitalised words.

    A name starts at a given name (or, before a party letter, at any word), may take one unknown word
    before it at the start of the run ("Dinah Marie Høngaard"), and runs over up to four words; a later
    given name followed by another word starts the next person ("Søren Rishøj Jakobsen Frode Sørensen")."""
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if _stop(t) or t in _PARTICLES or t.endswith(".") or not (is_given_name(t) or party_follows):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and j - i < 4 + (tokens[j - 1] in _PARTICLES) and not (
                _stop(tokens[j]) and tokens[j] not in _PARTICLES):
            if j > i + 1 and tokens[j] not in ORG_WORDS and is_given_name(tokens[j]) and j + 1 < len(tokens) \
                    and not _stop(tokens[j + 1]) and tokens[j - 1] not in _PARTICLES:
                break  # the next person's first name
            if j > i + 1 and tokens[j] in ORG_WORDS:
                break
            j += 1
        while j > i + 1 and (tokens[j - 1].endswith(".") or tokens[j - 1] in _PARTICLES):
            j -= 1  # a trailing initial or particle is no surname
        if j < len(tokens) and tokens[j] in ORG_WORDS:
            i = j + 1
            continue  # "Niels Bohr Instituttet", "Anne Frank Skolen": a place or an organisation
        if j - i >= 2 and (party_follows or not all(is_given_name(x) for x in tokens[i:j])):  # not "Hanne Marie"
            s = i - 1 if (i == 1 and not out and not _stop(tokens[0]) and tokens[0] not in ORG_WORDS
                          and not tokens[0].endswith(".")) else i
            out.append((s, j))
        i = max(j, i + 1)
    if party_follows and out and out[-1][1] != len(tokens):
        out = out[:-1]  # the party letter belongs to the last words of the run
    return out


def find_names(text: str) -> list[dict]:
    """Every person name in text: dict(name, start, end, party, party_written, place)."""
    found = []
    for run in _RUN.finditer(text):
        after = _AFTER.match(text, run.end())
        party_written = (after.group("party") or after.group("party2")) if after else None
        party = None
        if party_written:
            party = party_written if len(party_written) <= 3 else party_letter_of_name(party_written)
        tokens = run.group(0).split()
        spans = _names_in_run(tokens, False)
        if party is not None and not (spans and spans[-1][1] == len(tokens)):
            spans = spans + _names_in_run(tokens, True)[-1:]
        starts = [m.start() for m in re.finditer(r"\S+", run.group(0))]
        for i, j in spans:
            start = run.start() + starts[i]
            end = run.start() + starts[j - 1] + len(tokens[j - 1])
            names = tokens[i:j]
            at_end = j == len(tokens)
            if at_end and not after:
                names = _genitive(names, text, end)
            ok = at_end and party is not None
            if not ok and _FOREIGN.search(" ".join(names)):
                continue  # ä/ö: Swedish or German words ("Inga Gränser för ..."); such a name needs a party or a role
            found.append(dict(name=" ".join(names), start=start, end=end, party=party if ok else None,
                              party_written=party_written if ok else None,
                              place=(after.group("place") or after.group("place2")) if ok and after else None))
    return found


def may_name_person(text: str) -> bool:
    """Cheap test for the line gate: a given name followed by a capitalised word, or a name before '(X)'."""
    for run in _RUN.finditer(text):
        toks = run.group(0).split()
        if len(toks) >= 2 and (any(is_given_name(t) for t in toks[:-1]) or text[run.end():run.end() + 3].lstrip().startswith("(")):
            return True
    return False


def _outside_orgs(doc: Doc, text: str, f: dict) -> Optional[dict]:
    """A finding minus a leading organisation or place ("Faaborg-Midtfyn Jesper Hempler" -> Jesper Hempler);
    None when an organisation covers the name.  A surname that is also a town stays ("Kim Herlev")."""
    ents = ents_overlapping(doc, f["start"], f["end"])
    lead = [e for e in ents if e.start_char <= f["start"]]
    if lead:
        cut = max(e.end_char for e in lead)
        rest = text[cut:f["end"]].strip()
        if len(rest.split()) < 2 or not is_given_name(rest.split()[0]):
            return None
        f = dict(f, name=" ".join(rest.split()) if f["name"].startswith(text[f["start"]:f["end"]]) else f["name"],
                 start=f["end"] - len(rest))
        ents = ents_overlapping(doc, f["start"], f["end"])
    if any(e.label_ != "MUNICIPALITY" for e in ents):
        return None
    return f


class PersonNames:
    """Every person named on the line -> doc._.gb_names (list of dict(name, start, end, party, place))."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        if text.lstrip().startswith("#") or not may_name_person(text):  # a heading names a topic
            return doc
        found = [g for g in (_outside_orgs(doc, text, f) for f in find_names(text)) if g is not None]
        if found:
            doc._.gb_names = found
        return doc


@Language.factory("graphbuild_person_names", assigns=["doc._.gb_names"])
def make_person_names(nlp: Language, name: str):
    return PersonNames(nlp, name)
