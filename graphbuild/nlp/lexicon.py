"""Word lists the components read from graphbuild/data/: Danish given names, party letters (media and old
letters -> ballot letters) and spelled-out party names.  Loaded once per process."""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from importlib import resources
from typing import Optional


def _data(name: str) -> str:
    return resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """given_names.txt: one name a line, '#' comments (its sources are stated at its top)."""
    return frozenset(w.strip() for w in _data("given_names.txt").splitlines() if w.strip() and not w.startswith("#"))


def is_given_name(word: str) -> bool:
    """'Anne', 'Lise-Lotte' (each part a given name); a genitive 'Annes' is not one."""
    names = given_names()
    return word in names or ("-" in word and all(p in names for p in word.split("-")))


@lru_cache(maxsize=1)
def _party_letters() -> tuple[dict[str, str], dict[str, str]]:
    always, media = {}, {}
    for row in csv.DictReader(io.StringIO(_data("party_letters.csv"))):
        (media if row["when"] == "media" else always)[row["written"]] = row["ballot"]
    return always, media


MEDIA_HINTS = frozenset({"S", "SF", "RV", "R", "DF", "EL", "LA"})


def ballot_letter(written: Optional[str], media_style: bool = False) -> Optional[str]:
    """The ballot letter of a party letter as written: 'S' -> 'A', 'DF' -> 'O'; 'K' -> 'C' only in a document
    that writes media letters (media_style), else 'K' (Kristendemokraterne).  Unknown letters unchanged."""
    if not written:
        return written
    w = written.strip().strip("().").upper() if len(written.strip()) <= 4 else written.strip()
    always, media = _party_letters()
    if w in always:
        return always[w]
    if media_style and w in media:
        return media[w]
    return w


@lru_cache(maxsize=1)
def party_names() -> dict[str, str]:
    """Spelled-out party names and aliases, lower case -> ballot letter (from parties.csv)."""
    out = {}
    for row in csv.DictReader(io.StringIO(_data("parties.csv"))):
        for s in [row["name"], row["short_name"]] + [a for a in (row.get("aliases") or "").split("|") if a]:
            if len(s) > 3:
                out[s.strip().lower()] = row["letter"]
    return out


@lru_cache(maxsize=1)
def party_name_alternation() -> str:
    """Every party's names as written (parties.csv: name, short name, spelled-out aliases; case kept), as a regex
    alternation, the longer first ("Radikale Venstre" before "Venstre")."""
    written = set()
    for row in csv.DictReader(io.StringIO(_data("parties.csv"))):
        written |= {row["name"].strip(), row["short_name"].strip()}
        written |= {a.strip() for a in (row.get("aliases") or "").split("|") if len(a.strip()) > 3 and not a.isupper()}
    return "|".join(re.escape(w) for w in sorted(written - {""}, key=lambda w: (-len(w), w)))


def party_letter_of_name(surface: str) -> Optional[str]:
    """'Socialdemokratiet' -> 'A', 'Det Konservative Folkeparti' -> 'C'; None when it names no party."""
    return party_names().get(" ".join(surface.split()).lower())


@lru_cache(maxsize=1)
def party_letters_written() -> frozenset[str]:
    """Every party letter as a list may print it after a name: the ballot letters (parties.csv) and the media and
    old letters (party_letters.csv)."""
    rows = csv.DictReader(io.StringIO(_data("parties.csv")))
    always, media = _party_letters()
    return frozenset(r["letter"] for r in rows) | frozenset(always) | frozenset(media)


@lru_cache(maxsize=1)
def no_party_words() -> frozenset[str]:
    """no_party_words.csv, lower case: 'løsgænger', 'up': a member outside any party."""
    return frozenset(r["written"].lower() for r in csv.DictReader(io.StringIO(_data("no_party_words.csv"))))


@lru_cache(maxsize=1)
def _name_words() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for row in csv.DictReader(io.StringIO(_data("name_words.csv"))):
        lists.setdefault(row["list"], []).append(row["word"])
    return {k: tuple(v) for k, v in lists.items()}


def name_words(kind: str) -> tuple[str, ...]:
    """name_words.csv: the words of one list, in file order (what each list means: the file's README row).
    An unknown list is an error, not an empty list, so a typo cannot switch a rule off."""
    return _name_words()[kind]
