"""Partial name forms (initials "M. Frederiksen", single names "Slotved"): exactly one plausible candidate
among the full-name groups, or a one-line reason why not."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Union

from .mentions import Cluster, Mention, group_context
from .names import in_order
from .rules import CONTEXT_MARGIN, Context, relation


@dataclass
class PartialIndex:
    clusters: list[Cluster]
    by_initial: dict  # (first letter, family token) -> cluster idxs
    by_doc: dict  # (doc_id, family token) -> cluster idxs
    group_of_cluster: dict  # cluster idx -> group root
    members: dict  # group root -> cluster idxs
    names: dict  # group root -> the group's person name
    _ctx: dict = field(default_factory=dict)
    _keys: dict = field(default_factory=dict)

    @classmethod
    def build(cls, clusters: list[Cluster], groups, dropped: set[int], names: dict[int, str]) -> "PartialIndex":
        by_initial: dict[tuple, set[int]] = defaultdict(set)
        by_doc: dict[tuple, set[int]] = defaultdict(set)
        for c in clusters:
            if c.idx in dropped:
                continue
            for key in c.keys:
                toks = key.split()
                for t in toks[1:]:
                    if len(t) > 1:
                        by_initial[(toks[0][0], t)].add(c.idx)
                        for doc in c.docs:
                            by_doc[(doc, t)].add(c.idx)
        group_of = {c.idx: groups.find(c.idx) for c in clusters if c.idx not in dropped}
        return cls(clusters, by_initial, by_doc, group_of, groups.members, names)

    def ctx(self, root: int) -> tuple[Context, set]:
        """A group's context and the documents its mentions come from."""
        if root not in self._ctx:
            members = [self.clusters[i] for i in self.members[root]]
            self._ctx[root] = (group_context(members), set().union(*(c.docs for c in members)))
        return self._ctx[root]

    def key_tokens(self, c: Cluster) -> list[tuple[str, ...]]:
        if c.idx not in self._keys:
            self._keys[c.idx] = [tuple(k.split()) for k in sorted(c.keys)]
        return self._keys[c.idx]


def _candidates(x: Mention, ix: PartialIndex) -> tuple[str, Union[set, str]]:
    """(kind, candidate cluster idxs) or (kind, the reason there are none)."""
    toks = x.tokens
    if len(toks) == 1:
        found = ix.by_doc.get((x.doc_id, toks[0]), set())
        return "single name", found or "single name only, no full name in the same document"
    found = set()
    for i in ix.by_initial.get((toks[0][0], toks[-1]), ()):
        if any(in_order(toks, kt) and toks[-1] in kt[1:] for kt in ix.key_tokens(ix.clusters[i])):
            found.add(i)
    return "initials", found or "initials only, no candidate"


def resolve_partial(x: Mention, ix: PartialIndex) -> Union[int, str]:
    """The group root a partial form belongs to, or why it stays unresolved."""
    if not x.tokens:
        return "no name left after normalisation"
    kind, cands = _candidates(x, ix)
    if isinstance(cands, str):
        return cands
    scored = []
    for g in sorted({ix.group_of_cluster[i] for i in cands}):
        ctx, docs = ix.ctx(g)
        rel = relation(x.context, ctx)
        if not rel.contradicts:
            scored.append((rel.score, x.doc_id in docs, g))
    if not scored:
        return f"{kind} only, every candidate contradicts the context"
    local = [t for t in scored if t[1]]
    if kind == "initials" and len(local) == 1:
        return local[0][2]
    pool = sorted(local if kind == "single name" else scored, key=lambda t: (-t[0], t[2]))
    if len(pool) == 1 or pool[0][0] - pool[1][0] >= CONTEXT_MARGIN:
        return pool[0][2]
    names = sorted(ix.names[g] if g in ix.names else str(g) for _, _, g in pool)
    return f"{kind} only, {len(pool)} candidates: {'; '.join(names)}"
