#!/usr/bin/env python3
"""Markdown tables for docs/accuracy.md from `graphbuild eval --json` outputs.

    python scripts/accuracy_table.py dev.json [baseline-dev.json]

With a second file, a column shows the baseline F1 beside the current one.
"""
from __future__ import annotations

import json
import sys


def pct(v):
    return "–" if v is None else f"{100 * v:.1f}"


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cur = json.load(open(argv[0], encoding="utf-8"))
    base = json.load(open(argv[1], encoding="utf-8")) if len(argv) > 1 else None
    head = "| fact | P | R | F1 | gold | graph | matched |" + (" baseline F1 |" if base else "")
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    for k, f in cur["overall"].items():
        row = f"| {k} | {pct(f['precision'])} | {pct(f['recall'])} | {pct(f['f1'])} | {f['gold']} | {f['graph']} | {f['matched']} |"
        if base:
            row += f" {pct(base['overall'].get(k, {}).get('f1'))} |"
        print(row)
    dup = cur["person_duplicates"]
    docs = cur["documents"]
    neg = [d for d in docs if d["expected"] == "refused"]
    print()
    print(f"{len(docs)} documents, {sum(d['accepted'] for d in docs)} accepted; negative examples refused: "
          f"{sum(not d['accepted'] for d in neg)} of {len(neg)}; person duplicates: {dup['split']} extra node(s), "
          f"{dup['merged']} merged node(s).")
    print()
    kinds = ["documents", "meetings", "agenda_items", "attendance", "roles", "appointments", "persons", "bodies",
             "municipalities"]
    print("| document kind | docs | " + " | ".join(kinds) + " |")
    print("|" + " --- |" * (len(kinds) + 2))
    for dk, figs in sorted(cur["by_document_kind"].items()):
        n = sum(1 for d in docs if d["kind"] == dk)
        print(f"| {dk} | {n} | " + " | ".join(pct(figs[k]["f1"]) for k in kinds) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
