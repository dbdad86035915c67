"""Name forms: display, matching form, tokens, keys, slugs, and how two written person names compare.

Organisation surfaces are looked up by the gazetteer (graphbuild.gazetteer), which owns the "strip Kommune /
genitive" rule; here only the variants a document's own spelling needs (possessive forms of unknown bodies).
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..slug import slugify
from .rules import FAMILY_NAME_MIN, FIRST_NAME_MIN, FUZZY_CAP, SUBSET_SCORE

_HYPHEN_BREAK = re.compile(r"(\w)\s*[-\u00ad\u2010\u2011]\s+(\w)|(\w)\s+[-\u2010\u2011]\s*(\w)")
_KEEP = set("æøåÆØÅ")
_SUSPENDED = re.compile(r"(?:og|eller|samt|and|or)\b")
POSSESSIVE_END = re.compile(r"['\u2019`´]s?$")


def display_name(name: str) -> str:
    """The name as written, tidied: whitespace collapsed, hyphenation artefacts repaired,
    stray punctuation at the ends removed ("Kjær- Westermann" -> "Kjær-Westermann")."""
    text = " ".join(name.replace("\u00ad", "-").split())

    def fix(m: re.Match) -> str:
        a = m.group(1) or m.group(3)
        b = m.group(2) or m.group(4)
        if _SUSPENDED.match(m.string, m.start(2) if m.group(2) else m.start(4)):
            return m.group(0)  # "Klima-, Miljø- og Teknikudvalget": a suspended hyphen, not a broken word
        # "Svagsy- nede" (a word broken at a line end) -> joined; "Kjær- Westermann" -> double name
        return f"{a}-{b}" if b[:1].isupper() else f"{a}{b}"

    text = _HYPHEN_BREAK.sub(fix, text)
    return text.strip(" ,;:()-\u2013")


def fold_accents(text: str) -> str:
    """Accents dropped, except on æ ø å."""
    out = []
    for ch in text:
        if ch in _KEEP:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Matching form: casefolded, ö->ø, ä->æ, aa->å, é/ü/... unaccented, hyphenation repaired.

    "Kjær- Westermann" -> "kjær-westermann"; "Jørgen Aagaard" and "Jörgen Ågaard" -> "jørgen ågaard".
    """
    text = display_name(name).casefold()
    text = text.replace("ö", "ø").replace("ä", "æ").replace("aa", "å")
    text = fold_accents(text)
    text = re.sub(r"[^\w\s\-.]", " ", text)  # keep letters, digits, hyphens, periods (initials)
    return " ".join(text.split())


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Tokens of the matching form; hyphens split double names, periods end initials."""
    text = normalise_name(name).replace(".", " ").replace("-", " ")
    return tuple(t for t in text.split() if t)


def name_key(name: str) -> str:
    """The exact-match key: tokens joined by one space ("Kjær-Westermann" == "Kjær Westermann")."""
    return " ".join(name_tokens(name))


def is_full_name(tokens: tuple[str, ...]) -> bool:
    """At least a first name and a family name, neither an initial."""
    return len(tokens) >= 2 and len(tokens[0]) > 1 and len(tokens[-1]) > 1


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def skeleton(token: str) -> str:
    """A crude sound key for blocking spelling variants: Pedersen/Petersen, Hansen/Hanssen."""
    t = slugify(token).replace("-", "")
    t = t.replace("d", "t").replace("c", "k").replace("z", "s").replace("w", "v").replace("ph", "f")
    t = re.sub(r"[aeiouy]", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def initial_ok(a: str, b: str) -> bool:
    """Token a matches token b: equal, or one is an initial of the other."""
    if a == b:
        return True
    if len(a) == 1 and b.startswith(a):
        return True
    return len(b) == 1 and a.startswith(b)


def in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of `short` matches a distinct token of `long`, in order."""
    i = 0
    for tok in short:
        while i < len(long) and not initial_ok(tok, long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


COMMON_SURNAMES = Path(__file__).resolve().parent.parent / "data" / "common_surnames.csv"


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """Matching forms of the family names borne by so many people that they tell little (common_surnames.csv)."""
    with open(COMMON_SURNAMES, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return frozenset(name_key(r["surname"]) for r in rows)


def telling_shorter_form(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """A shorter form that says by itself which longer name it is: the same first and family name, only middle
    names dropped or written as initials ("Mette Storgård", "Mette K. Storgård" for "Mette Krogh Storgård"), and
    a family name that is not one of the common ones ("Klaus Hansen" may be any of hundreds of Klaus ... Hansens).
    A form that drops the family name ("Lars Berg" for "Lars Berg Andersen") never tells by itself: the middle
    name may be another person's family name."""
    return (len(short) <= len(long) and short[0] == long[0] and short[-1] == long[-1] and len(short[-1]) > 1
            and short[-1] not in common_surnames() and in_order(short, long))


def _first_names_compatible(a: str, b: str) -> bool:
    return initial_ok(a, b) or fuzz.ratio(a, b) >= FIRST_NAME_MIN


def name_score(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[float, str]:
    """Score two full names on the name alone; returns (score, relation).

    relation: "exact" | "subset" (the shorter is a token subset/prefix of the longer) | "fuzzy" | "none".
    """
    if a == b:
        return 100.0, "exact"
    if not a or not b or not _first_names_compatible(a[0], b[0]):
        return 0.0, "none"
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < len(long) and short[0] == long[0] and in_order(short, long):
        return float(SUBSET_SCORE), "subset"
    if len(short) == len(long) and all(initial_ok(x, y) for x, y in zip(short, long)):
        return float(SUBSET_SCORE), "subset"  # "Allan S. Andersen" ~ "Allan Steen Andersen"
    if fuzz.ratio(a[-1], b[-1]) < FAMILY_NAME_MIN and a[-1] not in b and b[-1] not in a:
        return 0.0, "none"
    s = fuzz.token_set_ratio(" ".join(a), " ".join(b))
    return float(min(s, FUZZY_CAP)), "fuzzy"


# ------------------------------------------------------------------ organisation surfaces
def org_text(text: str) -> str:
    """An organisation name for fuzzy matching: soft hyphens gone, spacing collapsed, casefolded, unaccented."""
    text = " ".join(text.replace("\u00ad", "").split()).casefold()
    return fold_accents(text)


def possessive_variants(surface: str) -> list[str]:
    """The surface, then without a possessive ending ("DEB's", "KL's", "Movia'", "KKR Hovedstadens")."""
    s = " ".join(surface.split()).strip(" .,;:*\"()")
    out = [s]
    m = re.match(r"^(.*?)[\u2019'`´]s?$", s)
    if m and m.group(1):
        out.append(m.group(1))  # DEB's, KL's, Movia'
    if s.endswith("s") and len(s) > 3:
        out.append(s[:-1])  # Danish genitive without apostrophe: "KKR Hovedstadens"
    return [v for v in dict.fromkeys(out) if v]
