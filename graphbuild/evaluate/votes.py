"""Accuracy of votes: each gold vote paired with the graph's vote sharing most voters, then every (position, party or
person) a fact; vote_decisions: a gold vote whose pair shares a voter."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .match import KindResult, Tally
from .normalise import fold, name_score, norm_name

# ------------------------------------------------------------------ votes
VOTE_POSITIONS = ("for", "against", "abstained", "reserved")


def _party_key(written: Optional[str]) -> str:
    """A party as written -> one key: the official letter when known ("S" -> "A", "Radikale Venstre" -> "B")."""
    if not written:
        return ""
    w = written.strip()
    letter = _WRITTEN_LETTERS.get(w.upper()) or (w if len(w) <= 2 and w.isupper() else None)
    return letter or _party_letters_by_name().get(fold(w), fold(w))


_WRITTEN_LETTERS = {"S": "A", "RV": "B", "KF": "C", "K": "C", "NB": "D", "SF": "F", "LA": "I", "KD": "K", "DF": "O",
                    "EL": "Ø", "ALT": "Å"}


@lru_cache(maxsize=1)
def _party_letters_by_name() -> dict[str, str]:
    import csv
    import io
    from importlib import resources
    text = resources.files("graphbuild").joinpath("data", "parties.csv").read_text(encoding="utf-8")
    out = {}
    for r in csv.DictReader(io.StringIO(text)):
        for n in [r["name"], r["short_name"], *r["aliases"].split("|")]:
            if n:
                out[fold(n)] = r["letter"]
    return out


def _gold_voters(v: dict) -> set[tuple]:
    out = set()
    for pos in VOTE_POSITIONS:
        side = v.get(pos) or {}
        out |= {(pos, "party", _party_key(p)) for p in side.get("parties") or []}
        out |= {(pos, "person", norm_name(m["name"])) for m in side.get("members") or [] if m.get("name")}
    return out


def _graph_voters(r: dict) -> tuple[set[tuple], dict]:
    out, names = set(), {}
    for pos in VOTE_POSITIONS:
        out |= {(pos, "party", _party_key(p)) for p in r.get(f"{pos}_parties") or []}
    for p in r.get("parties") or []:
        out.add((p.get("position"), "party", p.get("letter") or _party_key(p.get("party") or p.get("name"))))
    for m in r.get("members") or []:
        key = (m.get("position"), "person", norm_name(m.get("name")))
        out.add(key)
        names[key] = [m.get("name") or ""] + list(m.get("aliases") or [])
    return out, names


def _voter_match(g: tuple, x: tuple, names: dict) -> bool:
    if g[0] != x[0] or g[1] != x[1]:
        return False
    if g[1] == "party":
        return g[2] == x[2]
    return name_score(g[2], names.get(x, [x[2]])) > 0


def score_votes(gold_votes: list[dict], graph_rows: list[dict]) -> tuple[KindResult, KindResult]:
    """Votes: each gold vote is paired with the graph vote sharing most voters (in document order, one to one);
    then every (position, party or person) of the pair is a fact. vote_decisions: a gold vote is found when its
    pair shares a voter."""
    graph = [_graph_voters(r) for r in graph_rows]
    used: set[int] = set()
    tally, dec = Tally(), Tally(gold=len(gold_votes), graph=len(graph_rows))
    misses, extras, dmiss = [], [], []
    for gi, gv in enumerate(gold_votes):
        gset = _gold_voters(gv)
        best, best_n = None, 0
        for xi, (xset, names) in enumerate(graph):
            if xi in used:
                continue
            n = sum(1 for g in gset if any(_voter_match(g, x, names) for x in xset))
            if n > best_n:
                best, best_n = xi, n
        tally.gold += len(gset)
        label = f"vote {gi + 1} ({gv.get('subject') or gv.get('item') or ''})"
        if best is None:
            dmiss.append(label)
            misses += [f"{label}: {' '.join(g)}" for g in sorted(gset)]
            continue
        used.add(best)
        dec.tp += 1
        xset, names = graph[best]
        tally.tp += best_n
        misses += [f"{label}: {' '.join(g)}" for g in sorted(gset) if not any(_voter_match(g, x, names) for x in xset)]
    for xi, (xset, names) in enumerate(graph):
        tally.graph += len(xset)
        if xi not in used:
            extras += [f"graph vote line {graph_rows[xi].get('line')}: {' '.join(map(str, x))}" for x in sorted(xset, key=str)]
    # a graph voter that matches nothing in its pair is an extra (its pair's gold voters are counted above)
    return KindResult(tally, misses, extras), KindResult(dec, dmiss, [])

