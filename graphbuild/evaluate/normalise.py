"""Accuracy, pure: the thresholds, and how names, titles, organisations, roles and parties are normalised and scored."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz import fuzz

from ..errors import GraphbuildError


# ------------------------------------------------------------------ thresholds (rapidfuzz scores, 0-100)
NAME_THRESHOLD = 90    # fuzz.token_sort_ratio of two normalised person names
TITLE_THRESHOLD = 85   # fuzz.ratio of two normalised agenda-item titles
ORG_THRESHOLD = 90     # fuzz.token_sort_ratio of two organisation names' stemmed tokens
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".md")

# Fact kinds in the order of the table, with what one fact is.
FACT_KINDS: list[tuple[str, str]] = [
    ("documents", "document accepted (gold states a fact) / refused (gold states nothing)"),
    ("meetings", "meeting date + council"),
    ("agenda_items", "item number + title"),
    ("attendance", "attendee name + present/absent"),
    ("attendance_party", "attendee name + party letter"),
    ("attendance_municipality", "attendee name + municipality"),
    ("roles", "person + role + organisation"),
    ("roles_party", "person + organisation + party letter"),
    ("roles_municipality", "person + organisation + municipality"),
    ("appointments", "person + body + appointed/resigned/proposed"),
    ("appointments_replaces", "person + body + the person replaced"),
    ("persons", "person named"),
    ("bodies", "council or body named"),
    ("municipalities", "municipality named"),
    ("votes", "vote + position + party or person"),
    ("vote_decisions", "a decision voted on (its vote found)"),
    ("decisions", "decision outcome + item (+ body and date of a recommendation)"),
]
KIND_NAMES = [k for k, _ in FACT_KINDS]


class EvalError(GraphbuildError):
    """A gold corpus or a database the accuracy command cannot use."""


# ------------------------------------------------------------------ normalisation
_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "\u00a0": " ",
                       "–": "-", "—": "-", "‐": "-", "’": "'"})


def fold(s: Optional[str]) -> str:
    """Lower case, Danish letters spelled out (æ->ae, ø->oe, å->aa), other accents dropped, whitespace collapsed."""
    s = unicodedata.normalize("NFC", s or "").lower().translate(_FOLD)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.split())


def norm_name(s: Optional[str]) -> str:
    """A person's name for comparison: folded, hyphens and dots as spaces, no other punctuation."""
    s = fold(s).replace("-", " ").replace(".", " ")
    s = re.sub(r"[^\w ]", "", s)
    return " ".join(s.split())


def name_score(gold: str, variants: Iterable[str]) -> float:
    """Best match of a gold name against a graph person's name and aliases (0 when below the threshold).

    Equal after normalisation: 100; the same first and last name (a middle name missing on one side): 95;
    otherwise fuzz.token_sort_ratio when >= NAME_THRESHOLD (typos, "Ankers Ulsdal").
    """
    g = norm_name(gold)
    if not g:
        return 0.0
    best = 0.0
    for v in variants:
        n = norm_name(v)
        if not n:
            continue
        if n == g:
            return 100.0
        gt, nt = g.split(), n.split()
        if len(gt) >= 2 and len(nt) >= 2 and gt[0] == nt[0] and gt[-1] == nt[-1]:
            best = max(best, 95.0)
            continue
        s = fuzz.token_sort_ratio(g, n)
        if s >= NAME_THRESHOLD:
            best = max(best, s)
    return best


def norm_title(s: Optional[str]) -> str:
    s = fold(s)
    s = re.sub(r"^(pkt\.?|punkt)\s*", "", s)
    s = re.sub(r"^\d+[a-z]?\s*[.):]\s*", "", s)  # a number printed in front of the title
    return s.strip(" .:;")


def title_score(gold: str, graph: str) -> float:
    """fuzz.ratio of the normalised titles; a graph title that continues past the gold one (glued text) counts
    when the gold title is its start (partial_ratio >= 95 and the gold title is at least 60 % of it)."""
    g, x = norm_title(gold), norm_title(graph)
    if not g or not x:
        return 0.0
    if g == x:
        return 100.0
    s = fuzz.ratio(g, x)
    if s >= TITLE_THRESHOLD:
        return s
    if len(g) >= 12 and x.startswith(g[: max(12, int(len(g) * 0.9))]) and len(g) >= 0.6 * len(x):
        return float(TITLE_THRESHOLD)
    return 0.0


_ORG_STOP = {"i", "for", "og", "af", "the", "ved", "kommune", "kommunes", "kommunen", "region", "regionen",
             "regions", "a/s", "as", "is", "i/s", "de", "det", "den"}
_SUFFIXES = ("ernes", "enes", "erne", "ene", "ets", "ens", "et", "en", "s")


def _stem(tok: str) -> str:
    """A crude Danish stemmer for organisation names: definite/genitive endings and a final -e off."""
    for suf in _SUFFIXES:
        if tok.endswith(suf) and len(tok) - len(suf) >= 3:
            tok = tok[: -len(suf)]
            break
    if tok.endswith("e") and len(tok) > 4:
        tok = tok[:-1]
    return tok


# Abbreviations a page may use for the whole name of a council or committee ("godkendelse af dagsorden for KB").
ORG_ABBREVIATIONS = {"kb": "kommunalbestyrelsen", "oeu": "oekonomiudvalget", "br": "byraadet", "rr": "regionsraadet"}


def org_tokens(s: Optional[str]) -> frozenset:
    """Stemmed content words of an organisation name: "Byrådet (Vejen)", "Vejen Byråd" and "Byrådets" in
    "Vejen Kommunes Byråd" all give {byraad, vej}; "Kommune", "Region", "i", "for", "og" are dropped."""
    s = fold(s).replace("-", "")
    s = ORG_ABBREVIATIONS.get(s.strip(), s)
    toks = [t for t in re.split(r"[^\w/]+", s) if t]
    return frozenset(_stem(t) for t in toks if t not in _ORG_STOP)


@lru_cache(maxsize=1)
def place_tokens() -> frozenset:
    """Stemmed tokens of every municipality and region name (what a council name may add to a bare gold name)."""
    from ..gazetteer import load_gazetteer

    g = load_gazetteer()
    out = set()
    for rec in list(g.municipalities.values()) + list(g.regions.values()):
        for name in [rec.name, getattr(rec, "short_name", None) or "", *getattr(rec, "aliases", ())]:
            out |= org_tokens(name)
    return frozenset(out)


def org_score(gold: Optional[str], variants: Iterable[Optional[str]]) -> float:
    """How well a gold organisation string matches a graph organisation (name, short name, aliases).

    Equal stemmed token sets: 100. The graph name adding only place names to the gold one (gold "Byrådet",
    graph "Byrådet Vejen": the gold keeps bare names when only the URL says the municipality): 95. Otherwise
    fuzz.token_sort_ratio of the sorted stemmed tokens when >= ORG_THRESHOLD.
    """
    g = org_tokens(gold)
    if not g:
        return 0.0
    best = 0.0
    places = None
    for i, v in enumerate(variants):
        t = org_tokens(v)
        if not t:
            continue
        if t == g:
            if i == 0:
                return 100.0  # the graph organisation's own name (an alias equal scores 99: own names pair first)
            best = max(best, 99.0)
            continue
        if g < t:
            places = places if places is not None else place_tokens()
            if (t - g) <= places:
                best = max(best, 95.0)
                continue
        s = fuzz.token_sort_ratio(" ".join(sorted(g)), " ".join(sorted(t)))
        if s >= ORG_THRESHOLD:
            best = max(best, s)
    return best


def municipality_score(gold: Optional[str], variants: Iterable[Optional[str]]) -> float:
    g = " ".join(sorted(org_tokens(gold)))
    if not g:
        return 0.0
    best = 0.0
    for v in variants:
        t = " ".join(sorted(org_tokens(v)))
        if not t:
            continue
        if t == g:
            return 100.0
        s = fuzz.ratio(g, t)
        if s >= ORG_THRESHOLD:
            best = max(best, s)
    return best


# Party letters as the press writes them (gold keeps them as written) -> the official list letters.
MEDIA_LETTERS = {"S": "A", "SF": "F", "K": "C", "KF": "C", "RV": "B", "DF": "O", "EL": "Ø", "LA": "I", "KD": "K",
                 "NB": "D", "ALT": "Å", "DD": "Æ", "M": "M"}


def party_match(gold: Optional[str], graph: Optional[str]) -> bool:
    """A letter as written matches itself and its official letter ("S" = "A", "SF" = "F", "K" = "K" or "C")."""
    if not gold or not graph:
        return False
    g, x = gold.strip().upper().strip("()."), graph.strip().upper().strip("().")
    return g == x or MEDIA_LETTERS.get(g) == x


_ORDINAL = re.compile(r"^\d+\.\s*")


@lru_cache(maxsize=1)
def gold_role_words() -> dict[str, str]:
    """graphbuild/data/gold_role_words.csv: a role word as the gold writes it (folded) -> the role it is scored as
    (bestyrelsesmedlem -> medlem, chair -> formand). Kept apart from roles.csv on purpose: the scorer must not
    read gold with the extraction's own word list, or a wrong word there would score itself right."""
    from ..gazetteer import data_rows

    return {r["written"]: r["scored_as"] for r in data_rows("gold_role_words.csv")}


def norm_role(s: Optional[str]) -> str:
    """Lower case, folded, an ordinal ("1. næstformand") dropped, compound synonyms mapped (bestyrelsesmedlem ->
    medlem, regionsrådsformand -> formand)."""
    r = _ORDINAL.sub("", fold(s))
    return gold_role_words().get(r, r)


def norm_number(s) -> str:
    if s is None:
        return ""
    t = fold(str(s)).strip(" .)")
    t = re.sub(r"^(pkt|punkt|sag)\.?\s*", "", t)
    return t.lstrip("0") or t


# Membership statuses that are not a role held (a proposal, a resignation, a seat offered).
NOT_HELD = {"resigned", "proposed", "nominated", "offered"}
ACTIONS = {"appointed": "appointed", "resigned": "resigned", "proposed": "proposed", "nominated": "proposed"}


