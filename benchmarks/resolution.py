"""Resolution benchmark: person resolution on the generated corpus, pairwise against the generator's truth.

    python benchmarks/resolution.py [--docs 60] [--seed 7] [--homonyms 0.1] [--why N] [--json FILE]

No database: the corpus (benchmarks/corpus.py, with homonyms and name variants) is generated in a temporary
directory, extracted in this process (graphbuild.pipeline.extract_one) and resolved in one run
(graphbuild.resolve.resolve), as `graphbuild ingest` resolves a batch. Scored as benchmarks/run.py scores its
N-document ingest (resolution_scores): the extracted mentions that map to a true mention (same file and line, a
name token in common), pairwise precision / recall of the person ids given to them. Also recall where the text
can tell: the same without the mentions of a person with a namesake whose line says nothing but the name (no party
letter, no municipality): no reader can tell which of the two such a mention means, so a resolver that is right
leaves it unresolved (a singleton, every pair of it lost). `--why N` prints up to N wrongly merged and N wrongly
split persons (the written names, the ids given, the truth).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_mod  # noqa: E402
from run import resolution_scores  # noqa: E402


TARGET_P, TARGET_R = 0.99, 0.97


def resolve_corpus(n: int, seed: int, homonym_rate: float, workdir: Path):
    """Generate, extract and resolve n documents -> (resolved documents, truth, file names)."""
    from graphbuild.gazetteer import load_gazetteer
    from graphbuild.pipeline import extract_one
    from graphbuild.resolve import load_judgements, resolve

    corpus_mod.HOMONYM_RATE = homonym_rate
    truth = corpus_mod.generate(n, workdir, seed=seed)
    gz = load_gazetteer()
    paths = sorted(str(p) for p in workdir.glob("*.txt"))
    facts = [e.facts for e in (extract_one(p, gazetteer=gz) for p in paths) if e.facts is not None]
    resolution = resolve(facts, gz, judgements=load_judgements())
    return resolution.documents, truth, {os.path.basename(p) for p in paths}


def mapped_mentions(docs, truth: dict) -> list[tuple[str, str, str]]:
    """(written name, predicted person id or '', true person id) of every extracted mention mapped to a true one."""
    by_line = defaultdict(list)
    for m in truth["mentions"]:
        by_line[(m["file"], m["line"])].append(m)
    out = []
    for r in docs:
        fname = os.path.basename(r.facts.path)
        people = [a.person for a in r.facts.attendance] + [m.person for m in r.facts.memberships]
        for pm in people:
            cands = [m for m in by_line.get((fname, pm.evidence.line), ())
                     if set(pm.name.casefold().split()) & set(m["name"].casefold().split())]
            if cands:
                out.append((pm.name, r.person_of.get(pm.mention_id, ""), cands[0]["person"]))
    return out


def undecidable(truth: dict) -> set[int]:
    """Indexes of the true mentions no reader can resolve: a person with a namesake, named with nothing else."""
    names = Counter(truth["people"].values())
    return {k for k, m in enumerate(truth["mentions"])
            if not m.get("told") and names[truth["people"][m["person"]]] > 1}


def decidable_recall(docs, truth: dict, files: set[str]) -> tuple[float, int]:
    """Pairwise recall over the mapped mentions the text can tell apart (see the module's doc), and their number."""
    skip = undecidable(truth)
    kept = {**truth, "mentions": [m if k not in skip else {**m, "file": ""} for k, m in enumerate(truth["mentions"])]}
    _, r, m, _ = resolution_scores(docs, kept, files)
    return r, m


def errors(rows: list[tuple[str, str, str]], truth: dict, limit: int) -> list[str]:
    """Wrong merges (one predicted id, two true people) and wrong splits (one true person, two ids), worst first."""
    merged, split = Counter(), Counter()
    by_pred, by_true = defaultdict(set), defaultdict(set)
    for name, pid, tid in rows:
        if pid:
            by_pred[pid].add((name, tid))
        by_true[tid].add((name, pid or "(unresolved)"))
    for pid, members in by_pred.items():
        tids = sorted({t for _, t in members})
        if len(tids) > 1:
            merged[(pid, tuple(sorted(members)))] += 1
    for tid, members in by_true.items():
        if len({p for _, p in members}) > 1:
            split[(tid, truth["people"][tid], tuple(sorted(members)))] += 1
    lines = [f"merged: {pid}: {members}" for (pid, members) in sorted(merged)[:limit]]
    lines += [f"split: {tid} {name}: {members}" for (tid, name, members) in sorted(split)[:limit]]
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--homonyms", type=float, default=corpus_mod.HOMONYM_RATE)
    ap.add_argument("--why", type=int, default=0, help="print up to N wrong merges and N wrong splits")
    ap.add_argument("--json", help="write the figures to this file")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gb-resolution-") as tmp:
        docs, truth, files = resolve_corpus(a.docs, a.seed, a.homonyms, Path(tmp))
    p, r, m, cov = resolution_scores(docs, truth, files)
    r_told, m_told = decidable_recall(docs, truth, files)
    out = dict(docs=a.docs, seed=a.seed, homonym_rate=a.homonyms, resolution_precision=round(p, 4),
               resolution_recall=round(r, 4), resolution_mentions=m, mention_coverage=round(cov, 4),
               recall_where_text_tells=round(r_told, 4), mentions_where_text_tells=m_told)
    for k, v in out.items():
        print(f"{k:22} {v}")
    print(f"targets: P >= {TARGET_P} {'met' if p >= TARGET_P else 'MISSED'}, "
          f"R >= {TARGET_R} {'met' if r >= TARGET_R else 'MISSED'}")
    if a.why:
        for line in errors(mapped_mentions(docs, truth), truth, a.why):
            print(line)
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
