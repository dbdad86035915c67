"""Scoring a mention clustering against the truth (benchmarks, tests)."""
from __future__ import annotations

from collections import Counter


def person_precision_recall(predicted: dict, truth: dict) -> tuple[float, float]:
    """Pairwise precision and recall of a mention clustering against the truth.

    Only mentions in `truth` count; a mention missing from `predicted` (unresolved) is a singleton.
    A pair is predicted-same when both mentions got the same person id.  Empty denominators -> 1.0.
    """
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    pred = {m: predicted.get(m, ("__singleton__", m)) for m in truth}
    cells = Counter((pred[m], truth[m]) for m in truth)
    tp = sum(pairs(n) for n in cells.values())
    pred_pairs = sum(pairs(n) for n in Counter(pred.values()).values())
    true_pairs = sum(pairs(n) for n in Counter(truth.values()).values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    return precision, recall
