"""Accuracy: the table and the per-document misses `graphbuild eval` prints."""
from __future__ import annotations

from typing import Optional

from .normalise import KIND_NAMES
from .corpus import EvalResult


# ------------------------------------------------------------------ rendering
def _pct(v: Optional[float]) -> str:
    return "–" if v is None else f"{100 * v:.1f}"


def render_table(result: EvalResult) -> str:
    from ..output import render

    n = len(result.documents)
    acc = sum(1 for r in result.documents if r.accepted)
    lines = [f"corpus: {result.corpus} ({n} documents, {acc} accepted)", ""]
    rows = [dict(fact=k, P=_pct(t.precision), R=_pct(t.recall), F1=_pct(t.f1), gold=t.gold, graph=t.graph,
                 matched=t.tp) for k, t in result.overall.items()]
    lines.append(render(["fact", "P", "R", "F1", "gold", "graph", "matched"], rows, "table"))
    d = result.duplicates
    lines.append(f"person duplicates: {d['split']} extra node(s) for one gold person, {d['merged']} node(s) "
                 f"merging two gold persons ({d['found']} of {d['gold_persons']} gold persons found by exact name)")
    neg = [r for r in result.documents if not r.gold.positive]
    lines.append(f"negative examples refused: {sum(1 for r in neg if not r.accepted)} of {len(neg)}")
    lines.append("")
    lines.append("by document kind (F1 %; – = nothing stated or found):")
    short = ["documents", "meetings", "agenda_items", "attendance", "roles", "appointments", "persons", "bodies",
             "municipalities"]
    krows = []
    for dk in sorted(result.by_kind):
        kinds = result.by_kind[dk]
        row = dict(kind=dk, docs=sum(1 for r in result.documents if r.gold.kind == dk))
        row.update({k: _pct(kinds[k].f1) for k in short})
        krows.append(row)
    lines.append(render(["kind", "docs"] + short, krows, "table"))
    return "\n".join(lines)


def render_why(result: EvalResult) -> str:
    out = []
    for r in result.documents:
        state = "accepted" if r.accepted else f"refused: {r.reason}"
        exp = "" if r.accepted == r.gold.positive else ("  <- should be accepted" if r.gold.positive else "  <- should be refused")
        out.append(f"== {r.gold.name} [{r.gold.kind}; graph kind {r.graph_kind or '–'}] {state}{exp}")
        for k in KIND_NAMES:
            kr = r.kinds.get(k)
            if k == "documents" or kr is None or (not kr.misses and not kr.extras):
                continue
            out.append(f"  {k}: {kr.tally.tp}/{kr.tally.gold} found, {len(kr.extras)} extra")
            out += [f"    - miss:  {m}" for m in kr.misses]
            out += [f"    + extra: {x}" for x in kr.extras]
        for u in r.unresolved:
            out.append(f"  ? unresolved mention: {u}")
    d = result.duplicates
    for name, ids in d["split_detail"].items():
        out.append(f"duplicate: {name} -> {', '.join(ids)}")
    for pid, names in d["merged_detail"].items():
        out.append(f"merged: {pid} <- {', '.join(names)}")
    return "\n".join(out)


