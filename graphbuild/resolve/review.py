"""Review candidates: pairs of Persons in the uncertain band, for `graphbuild resolve review`."""
from __future__ import annotations

from typing import Callable

from ..model import CandidatePair
from .mentions import Cluster

ScoredPair = tuple  # (score, cluster idx a, cluster idx b, relation "exact" | "subset" | "fuzzy")

_WHY = {"exact": "same name, one disagreeing fact", "subset": "shorter form of the name", "fuzzy": "similar spelling"}


def _reason(rel: str, ca: Cluster, cb: Cluster) -> str:
    why = _WHY.get(rel, rel)
    if ca.known and cb.known:
        why += "; both already in the graph"
    ctx = []
    if ca.parties or cb.parties:
        ctx.append(f"party {'/'.join(sorted(ca.parties)) or '?'} vs {'/'.join(sorted(cb.parties)) or '?'}")
    if ca.munis or cb.munis:
        ctx.append(f"municipality {'/'.join(sorted(ca.munis)) or '?'} vs {'/'.join(sorted(cb.munis)) or '?'}")
    return why + (" (" + ", ".join(ctx) + ")" if ctx else "")


def review_candidates(pairs: list[ScoredPair], clusters: list[Cluster], find: Callable[[int], int],
                      persons: dict[int, tuple[str, str]]) -> list[CandidatePair]:
    """One CandidatePair per pair of final persons (best score first); `persons`: group root -> (id, name)."""
    out: dict[tuple[str, str], CandidatePair] = {}
    for score, ai, bi, rel in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        ra, rb = find(ai), find(bi)
        if ra == rb or ra not in persons or rb not in persons:
            continue
        (a_id, a_name), (b_id, b_name) = persons[ra], persons[rb]
        if (a_id, b_id) > (b_id, a_id):
            (a_id, a_name), (b_id, b_name), ai, bi = (b_id, b_name), (a_id, a_name), bi, ai
        if (a_id, b_id) in out:
            continue
        ev = []
        for i in (ai, bi):
            ms = sorted(clusters[i].mentions, key=lambda x: (x.doc_id, x.m.evidence.line))
            ev.extend(x.m.evidence for x in ms[:2])
        out[(a_id, b_id)] = CandidatePair(a_id, a_name, b_id, b_name, round(float(score), 1), tuple(ev),
                                          _reason(rel, clusters[ai], clusters[bi]))
    return sorted(out.values(), key=lambda c: (-c.score, c.a_id, c.b_id))
