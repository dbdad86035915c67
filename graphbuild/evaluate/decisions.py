"""Accuracy of decisions: each gold decision (item, outcome, and the body and date of a recommendation where the
text writes them) matched one to one with the graph's decisions of the same document. A graph decision whose
outcome is `other` (a decision section that states no outcome) is the decision's text only: it is not scored."""
from __future__ import annotations

from .match import Fact, KindResult, _lbl, match_facts
from .normalise import fold, norm_number, org_score

SCORED_OUTCOMES = ("approved", "recommended", "noted", "discussed", "postponed", "referred", "rejected")


def _body_score(gold: str, graph: str) -> float:
    if not graph:
        return 0.0
    g, x = fold(gold), fold(graph)
    return 100.0 if g == x or g in x or x in g else org_score(gold, [graph])


def _score(g: Fact, x: Fact) -> float:
    gf, xf = g.fields, x.fields
    if gf.get("outcome") != xf.get("outcome"):
        return 0.0
    score = 100.0
    if gf.get("item") not in (None, ""):
        if norm_number(gf["item"]) != norm_number(xf.get("item")):
            return 0.0
    elif xf.get("item") in (None, ""):
        score += 1  # an item-less gold decision prefers an item-less graph one
    if gf.get("body"):
        b = _body_score(gf["body"], xf.get("body") or "")
        if b <= 0:
            return 0.0
        score += b / 100
    elif not xf.get("body"):
        score += 1
    if gf.get("date"):
        if str(xf.get("date") or "")[:10] != gf["date"]:
            return 0.0
        score += 1
    return score


def match_decisions(d: dict, rows: dict[str, list[dict]]) -> KindResult:
    """decisions: item (when printed) + outcome (+ body and date when the gold writes them)."""
    gold = [Fact(_lbl(x.get("item"), x.get("outcome"), x.get("body"), x.get("date")), x, (i,))
            for i, x in enumerate(d.get("decisions") or [])]
    graph = [Fact(_lbl(r.get("item"), r.get("outcome"), r.get("body"), r.get("date"), f"line {r.get('line')}"), r,
                  (r.get("decision_id"), r.get("line")))
             for r in rows.get("decisions", []) if r.get("outcome") in SCORED_OUTCOMES]
    return match_facts(gold, graph, _score)
