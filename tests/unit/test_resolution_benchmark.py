"""The resolution benchmark's floors (benchmarks/resolution.py, docs/accuracy.md): the generated corpus with 10 %
namesakes and name variants, 21 documents (three of each template), resolved in one process."""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import resolution  # noqa: E402
from run import resolution_scores  # noqa: E402

sys.path.remove(str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    return resolution.resolve_corpus(21, 7, 0.1, tmp_path_factory.mktemp("resolution"))


def test_precision_and_recall_where_the_text_tells(resolved):
    docs, truth, files = resolved
    p, r, mentions, _ = resolution_scores(docs, truth, files)
    r_told, _ = resolution.decidable_recall(docs, truth, files)
    assert mentions > 400
    assert p >= 0.99, p
    assert r_told >= 0.97, r_told
    assert r >= 0.92, r  # the rest: mentions of a person with a namesake that give nothing but the name


def test_the_corpus_has_namesakes_and_variants_but_never_two_namesakes_in_one_document(resolved):
    _, truth, _ = resolved
    by_name = Counter(truth["people"].values())
    assert sum(1 for n in by_name.values() if n > 1) >= 10
    written = {m["name"] for m in truth["mentions"]}
    assert any("." in w for w in written)  # a middle initial
    assert any("ö" in w for w in written)
    names_in_doc = defaultdict(set)
    for m in truth["mentions"]:
        names_in_doc[(m["file"], truth["people"][m["person"]])].add(m["person"])
    assert all(len(pids) == 1 for pids in names_in_doc.values())
    assert resolution.undecidable(truth)
