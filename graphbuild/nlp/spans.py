"""Shared helpers of the components: role phrases, the text and entities of a Doc, an organisation phrase
and the first person name after a position."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..gazetteer import org_word_alternation, org_word_values, org_words  # noqa: F401 (org_words: for the components)
from .names import NAME, plausible_name, UP

# --------------------------------------------------------------------- roles
# The role words are graphbuild/data/roles.csv, read by the Gazetteer (role_words(), canonical_role()).
ORG_LABELS = {"BODY", "COUNCIL", "REGION", "MUNICIPALITY", "PARTY"}


# where a name after a role phrase ends: punctuation, or a word that starts the rest of the sentence
TERMINATOR = rf"(?=\s*(?:[,.;:)]|$)|\s+(?:{org_word_alternation('terminator')})\b)"


def role_alt(role_words: list[str]) -> str:
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


def ent_at(doc: Doc, char: int, labels=ORG_LABELS):
    for e in doc_ents(doc):
        if e.start_char == char and e.label_ in labels:
            return e
    return None


def ents_overlapping(doc: Doc, start: int, end: int, labels=ORG_LABELS):
    return [e for e in doc_ents(doc) if e.label_ in labels and e.start_char < end and e.end_char > start]


def org_info(doc: Doc, start: int, end: int) -> dict:
    """The organisation phrase doc_text(doc)[start:end]; entity id/label when the phrase is one entity."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", doc_text(doc)[start:end].strip(" ,"))
    end = start + len(doc_text(doc)[start:end]) - len(doc_text(doc)[start:end].lstrip(" ,")) + len(text)
    ents = ents_overlapping(doc, start, end)
    info = dict(org=text or None, org_label=None, org_id=None)
    if ents:
        e = ents[0]
        if e.text.strip() == text or len(ents) == 1 and len(e.text) >= len(text) - 3:
            info.update(org_label=e.label_, org_id=e.ent_id_ or None)
    return info


def find_name(doc: Doc, start: int, limit: int = 120):
    """First plausible person name at/after `start` that is not inside an organisation entity."""
    text = doc_text(doc)
    for m in re.finditer(NAME + TERMINATOR, text[start:start + limit]):
        s, e = start + m.start(), start + m.end()
        name = m.group(0)
        ents = ents_overlapping(doc, s, e)
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


COORDINATED = re.compile(r"(?P<org>\S.*?)(?:\s*,|\s+og)\s+(?:[\w-]+-)?$")
ORG_STOP = rf"(?=\s*(?:[,.;:()]|$)|\s+(?:{org_word_alternation('org_stop')})\b)"
# a generic definite noun ("bestyrelsen") refers back to "GCPHEUs bestyrelse" earlier in the sentence
_GENERIC_BODY = org_word_values("generic_body")


def antecedent(text: str, before: int, info: dict) -> dict:
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


GATE_WORD = re.compile(r"\w+")


def role_heads(role_words: list[str]) -> frozenset[str]:
    """The first word of each role phrase, lower-cased: 'administrerende', 'adm', 'formand', 'medlem'."""
    return frozenset(GATE_WORD.findall(w.lower())[0] for w in role_words if GATE_WORD.search(w))


def canon_role(role: str) -> str:
    """A role word as found, lower case, spaces collapsed; its canonical role is roles.csv's (State.role)."""
    return " ".join(role.lower().split())

