"""graphbuild_decision_outcome: the first decision phrase of a line -> doc._.gb_outcome."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ...meeting.decisions import outcome_at, outcome_hints
from ..spans import doc_text

# The outcome phrases are graphbuild/data/decision_words.csv, read once by graphbuild/meeting/decisions.py: a
# line's outcome is the same whichever layout's reader meets it.


def may_have_outcome(text: str) -> bool:
    low = text.lower()
    return any(h in low for h in outcome_hints())


def decision_outcome(text: str) -> Optional[tuple[str, int]]:
    """(outcome, where its phrase starts) of the first decision phrase on a line, or None."""
    return outcome_at(text) if may_have_outcome(text) else None


class DecisionOutcome:
    """First decision phrase on a line (approved, rejected, recommended, noted, ...) -> doc._.gb_outcome."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.gb_outcome = decision_outcome(doc_text(doc))
        return doc


@Language.factory("graphbuild_decision_outcome", assigns=["doc._.gb_outcome"])
def make_decision_outcome(nlp: Language, name: str):
    return DecisionOutcome(nlp, name)

