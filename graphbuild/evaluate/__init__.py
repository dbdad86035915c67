"""Accuracy: score the graph built from a corpus against hand-checked gold facts.

Two halves, kept apart:

* pure scoring: gold files (gold.py) + rows read from the graph -> precision, recall and F1 per fact kind
  (normalise.py: how names, titles, organisations are compared; match.py: one matcher per fact kind),
  per document kind, and the misses and extra facts per document (corpus.py, render.py). No database
  there; the unit tests feed it rows directly.
* the run (run.py, `run_eval`): ingest the corpus' documents into an EMPTY database, read the graph back
  through the public schema with the read-only statements in queries/eval/, and score.

The gold format and conventions are those of tests/corpus/dev/README.md; how a gold fact is matched against
the graph is documented in docs/accuracy.md (and in the constants of normalise.py).
"""
from __future__ import annotations

from .corpus import DocResult, EvalResult, known_party_names, person_duplicates, score_corpus
from .gold import GoldDoc, gold_kind, load_gold_dir
from .match import Fact, KindResult, Tally, match_facts, score_document
from .normalise import (
    FACT_KINDS, KIND_NAMES, NAME_THRESHOLD, ORG_THRESHOLD, TITLE_THRESHOLD, EvalError, fold, municipality_score,
    name_score, norm_name, norm_role, norm_title, org_score, org_tokens, party_match, title_score,
)
from .render import render_table, render_why
from .run import database_node_count, read_rows, run_eval, wipe_database

__all__ = [
    "DocResult", "EvalResult", "known_party_names", "person_duplicates", "score_corpus", "GoldDoc", "gold_kind",
    "load_gold_dir", "Fact", "KindResult", "Tally", "match_facts", "score_document", "FACT_KINDS", "KIND_NAMES",
    "NAME_THRESHOLD", "ORG_THRESHOLD", "TITLE_THRESHOLD", "EvalError", "fold", "municipality_score", "name_score",
    "norm_name", "norm_role", "norm_title", "org_score", "org_tokens", "party_match", "title_score", "render_table",
    "render_why", "database_node_count", "read_rows", "run_eval", "wipe_database",
]
