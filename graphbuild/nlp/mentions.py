"""Every person named anywhere in the document is a mention (with or without a role): the names the
graphbuild_person_names component found on each parsed line that no other reader placed there already."""
from __future__ import annotations

import re
from typing import Optional

from ..model import Line
from .lexicon import MEDIA_HINTS, ballot_letter
from .state import State, doc_of


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


def fullest_name(name: str, names: set[str]) -> str:
    """The document's fullest spelling of a person: 'Sophie Hæstorp' -> 'Sophie Hæstorp Andersen' when that is
    the one longer name in the document with the same first name and these words in order; else name."""
    toks = name.split()
    longer = {n for n in names if n != name and len(n.split()) > len(toks) and n.split()[0] == toks[0]
              and _subsequence(toks, n.split())}
    return longer.pop() if len(longer) == 1 else name


def _known_on_line(st: State, line: int) -> list[str]:
    return [m.name for m in st.facts.mentions if m.evidence.line == line]


def _covered(name: str, known: list[str]) -> bool:
    toks = name.split()
    return any(name == k or _subsequence(toks, k.split()) or _subsequence(k.split(), toks) for k in known)


def named_people(st: State, lines: list[Line]) -> None:
    """A mention for every name on these lines not yet placed on its line; party as a ballot letter (media
    letters mapped, 'K' = Konservative in a document that writes media letters), municipality when the text
    ties one to the name and the reference data knows it."""
    found: list[tuple[Line, dict]] = []
    for ln in lines:
        d = doc_of(st, ln)
        for f in (d._.gb_names if d is not None else None) or []:
            found.append((ln, f))
    if not found:
        return
    media = any((f.get("party_written") or "") in MEDIA_HINTS for _, f in found) or any(
        (m.party or "") in MEDIA_HINTS for m in st.facts.mentions)
    names = {m.name for m in st.facts.mentions} | {f["name"] for _, f in found}
    for ln, f in found:
        known = _known_on_line(st, ln.line)
        name = fullest_name(f["name"], names)
        if _covered(name, known) or _covered(f["name"], known):
            continue
        code: Optional[str] = None
        place = f.get("place")
        if place:
            code, _ = st.municipality(place)
        st.mention(name, ln, party=ballot_letter(f.get("party"), media), municipality=code,
                   municipality_name=place if code else None, roles=_title_before(st, ln.text, f["start"]))


_WORDS_BEFORE = re.compile(r"(?:(?<![\w-])([A-ZÆØÅa-zæøå.]+)\s+)?(?<![\w-])([A-ZÆØÅa-zæøå]+)\s+$")


def _title_before(st: State, text: str, start: int) -> tuple[str, ...]:
    """('rådmand',) for 'Rådmand Jette Skive', ('administrerende direktør',) for 'Administrerende direktør
    Rasmus Bjerregaard': a title right before the name that roles.csv keeps as a role (uses "title_kept")."""
    m = _WORDS_BEFORE.search(text[max(0, start - 60):start])
    if not m or m.group(2).lower() not in st.gz.roles_used_as("title_kept"):
        return ()
    two = f"{m.group(1)} {m.group(2)}".lower() if m.group(1) else ""
    return (two,) if two in st.gz.roles else (m.group(2).lower(),)
