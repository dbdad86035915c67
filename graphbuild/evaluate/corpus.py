"""Accuracy, pure: a whole corpus scored, per fact kind and per document kind."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from .normalise import FACT_KINDS, KIND_NAMES, NAME_THRESHOLD, ORG_THRESHOLD, TITLE_THRESHOLD, fold, norm_name
from .gold import GoldDoc
from .match import KindResult, Tally, _names, score_document


# ------------------------------------------------------------------ the corpus
@dataclass
class DocResult:
    gold: GoldDoc
    doc_id: str
    accepted: bool
    reason: Optional[str]                 # why it was refused (from the ingest)
    graph_kind: Optional[str]             # Document.kind in the graph
    kinds: dict[str, KindResult]
    unresolved: list[str] = field(default_factory=list)


@dataclass
class EvalResult:
    corpus: str
    documents: list[DocResult]
    overall: dict[str, Tally]
    by_kind: dict[str, dict[str, Tally]]
    duplicates: dict

    def figures(self) -> dict:
        """The headline figures the regression guard compares: F1 per fact kind (+ precision/recall), and
        the person-duplicate count."""
        return {k: t.to_dict() for k, t in self.overall.items()}

    def to_dict(self) -> dict:
        return dict(
            corpus=self.corpus,
            thresholds=dict(name=NAME_THRESHOLD, title=TITLE_THRESHOLD, organisation=ORG_THRESHOLD),
            fact_kinds={k: what for k, what in FACT_KINDS},
            overall=self.figures(),
            by_document_kind={dk: {k: t.to_dict() for k, t in kinds.items()} for dk, kinds in self.by_kind.items()},
            person_duplicates=self.duplicates,
            documents=[dict(
                name=r.gold.name, document=str(r.gold.document), doc_id=r.doc_id, kind=r.gold.kind,
                graph_kind=r.graph_kind, expected="accepted" if r.gold.positive else "refused",
                accepted=r.accepted, reason=r.reason, unresolved_mentions=r.unresolved,
                facts={k: dict(r.kinds[k].tally.to_dict(), misses=r.kinds[k].misses, extras=r.kinds[k].extras)
                       for k in KIND_NAMES if k in r.kinds}) for r in self.documents],
        )


def _by_doc(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r.get("doc_id")].append(r)
    return out


def score_corpus(golds: list[GoldDoc], doc_ids: dict[str, str], rows: dict[str, list[dict]],
                 refused: dict[str, str], corpus: str = "", party_names: Optional[frozenset] = None) -> EvalResult:
    """Pure scoring: gold documents, their doc ids (name -> sha256), the graph's rows per query (each row with a
    doc_id) and the ingest's refusals (name -> reason) -> the figures."""
    if party_names is None:
        party_names = known_party_names()
    per_kind = {k: _by_doc(v) for k, v in rows.items()}
    docs = {r["doc_id"]: r for r in rows.get("documents", [])}
    results = []
    overall = {k: Tally() for k in KIND_NAMES}
    by_kind: dict[str, dict[str, Tally]] = defaultdict(lambda: {k: Tally() for k in KIND_NAMES})
    for g in golds:
        did = doc_ids.get(g.name, "")
        accepted = did in docs
        mine = {k: per_kind[k].get(did, []) for k in per_kind} if accepted else {}
        kinds = score_document(g, mine, party_names)
        # documents: positive class = accepted
        t = Tally(gold=1 if g.positive else 0, graph=1 if accepted else 0, tp=1 if (accepted and g.positive) else 0)
        kinds = {"documents": KindResult(t, [] if (accepted or not g.positive) else ["accepted (refused: %s)" % refused.get(g.name, "?")],
                                         ["accepted although the gold states nothing"] if (accepted and not g.positive) else []),
                 **kinds}
        for k, kr in kinds.items():
            overall[k].add(kr.tally)
            by_kind[g.kind][k].add(kr.tally)
        unresolved = [f"{u.get('name')} (line {u.get('line')}: {u.get('reason')})" for u in per_kind.get("unresolved", {}).get(did, [])]
        results.append(DocResult(g, did, accepted, None if accepted else refused.get(g.name), (docs.get(did) or {}).get("kind"),
                                 kinds, unresolved))
    dup = person_duplicates(golds, [r for r in rows.get("persons", []) if r.get("doc_id") in set(doc_ids.values())])
    return EvalResult(corpus, results, overall, dict(by_kind), dup)


def person_duplicates(golds: list[GoldDoc], person_rows: list[dict]) -> dict:
    """Across the corpus: a gold person (one normalised name) found as more than one Person node is split
    (`split`: the extra nodes); one Person node matching two different gold persons is merged (`merged`)."""
    gold_names: dict[str, str] = {}
    for g in golds:
        for n in g.data["persons_mentioned"]:
            gold_names.setdefault(norm_name(n), n)
    nodes: dict[str, list[str]] = {}
    for r in person_rows:
        nodes.setdefault(r.get("person_id"), _names(r))
    by_gold: dict[str, set] = defaultdict(set)
    by_node: dict[str, set] = defaultdict(set)
    for key, name in gold_names.items():
        for pid, names in nodes.items():
            if any(norm_name(v) == key for v in names):
                by_gold[key].add(pid)
                by_node[pid].add(key)
    split = {gold_names[k]: sorted(v) for k, v in by_gold.items() if len(v) > 1}
    merged = {pid: sorted(gold_names[k] for k in v) for pid, v in by_node.items() if len(v) > 1}
    return dict(gold_persons=len(gold_names), found=len(by_gold),
                split=sum(len(v) - 1 for v in split.values()), merged=sum(len(v) - 1 for v in merged.values()),
                split_detail=split, merged_detail=merged)


@lru_cache(maxsize=1)
def known_party_names() -> frozenset:
    """Party names (folded) of the gazetteer: a named party is a body in the gold but a Party node in the graph,
    which the bodies kind does not read, so named parties are left out of that kind on both sides."""
    from ..gazetteer import load_gazetteer

    out = set()
    for p in load_gazetteer().parties.values():
        for n in [p.name, getattr(p, "short_name", None) or "", *getattr(p, "aliases", ())]:
            if n:
                out.add(fold(n))
    return frozenset(out)


