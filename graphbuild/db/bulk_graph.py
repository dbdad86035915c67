"""The graph a transactional load would write, built in memory for `graphbuild load --bulk` (db/bulk.py).

An in-memory property graph with Neo4j's MERGE/SET semantics (a node by its key label and key, a
relationship by its type, its two ends and the properties it is merged on; SET to null removes a
property), and an undo journal, so a group of documents that fails is taken back as a transaction
would be.  What each load statement does is in db/bulk_rows.py; the CSVs are written by db/bulk_csv.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..errors import GraphbuildError

_MISSING = object()


class RowRefused(GraphbuildError):
    """A row the statement would not write (a MATCH finding nothing, a null merge key, a bad date)."""


NodeKey = tuple[str, Any]  # (key label, key value), e.g. ("Person", "person:ab12")


@dataclass
class Node:
    labels: set
    props: dict = field(default_factory=dict)


RelKey = tuple[str, NodeKey, NodeKey, tuple]  # (type, start, end, ((merge property, value), ...))


class Graph:
    """Nodes by key, relationships by merge key; every change journalled while a journal is open."""

    def __init__(self):
        self.nodes: dict[NodeKey, Node] = {}
        self.rels: dict[RelKey, dict] = {}
        self._journal: Optional[list] = None

    # ------------------------------------------------------------------ transactions
    def begin(self) -> None:
        self._journal = []

    def commit(self) -> None:
        self._journal = None

    def rollback(self) -> None:
        for undo in reversed(self._journal or []):
            undo()
        self._journal = None

    def _note(self, undo) -> None:
        if self._journal is not None:
            self._journal.append(undo)

    # ------------------------------------------------------------------ reads
    def match(self, label: str, key: Any, *also: str) -> NodeKey:
        """MATCH (n:label {key}) (with the labels `also`): the node's key, or RowRefused."""
        node = self.nodes.get((label, key)) if key is not None else None
        if node is None or not set(also) <= node.labels:
            raise RowRefused(f"no {':'.join((label, *also))} {key!r}")
        return (label, key)

    def optional(self, label: str, key: Any) -> Optional[NodeKey]:
        return (label, key) if key is not None and (label, key) in self.nodes else None

    # ------------------------------------------------------------------ writes
    def merge_node(self, label: str, key_prop: str, key: Any, *labels: str) -> tuple[NodeKey, bool]:
        """MERGE (n:label:labels {key_prop: key}); (its key, whether it was created)."""
        if key is None:
            raise RowRefused(f"cannot merge a {label} on a null {key_prop}")
        nk = (label, key)
        node = self.nodes.get(nk)
        if node is not None and set(labels) <= node.labels:
            return nk, False
        if node is not None:  # the key is taken by a node without the other labels: Neo4j's constraint says no
            raise RowRefused(f"{label} {key!r} exists without the labels {labels}")
        self.nodes[nk] = Node({label, *labels}, {key_prop: key})
        self._note(lambda: self.nodes.pop(nk))
        return nk, True

    def set(self, nk: NodeKey, **props) -> None:
        """SET n.p = v for each (a None removes p)."""
        self._set(self.nodes[nk].props, props)

    def coalesce(self, nk: NodeKey, **props) -> None:
        """SET n.p = coalesce(v, n.p)."""
        self._set(self.nodes[nk].props, {k: v for k, v in props.items() if v is not None})

    def add_label(self, nk: NodeKey, label: str) -> None:
        labels = self.nodes[nk].labels
        if label not in labels:
            labels.add(label)
            self._note(lambda: labels.discard(label))

    def merge_rel(self, rel_type: str, start: NodeKey, end: NodeKey, **on) -> RelKey:
        """MERGE (start)-[:rel_type {on}]->(end)."""
        if any(v is None for v in on.values()):
            raise RowRefused(f"cannot merge a {rel_type} relationship on a null property")
        rk = (rel_type, start, end, tuple(sorted(on.items())))
        if rk not in self.rels:
            self.rels[rk] = dict(on)
            self._note(lambda: self.rels.pop(rk))
        return rk

    def set_rel(self, rk: RelKey, **props) -> None:
        self._set(self.rels[rk], props)

    def _set(self, target: dict, props: dict) -> None:
        for k, v in props.items():
            old = target.get(k, _MISSING)
            if v is None:
                if old is _MISSING:
                    continue
                del target[k]
            else:
                target[k] = v
            self._note(lambda k=k, old=old: target.pop(k, None) if old is _MISSING else target.__setitem__(k, old))
