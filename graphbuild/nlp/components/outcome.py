"""graphbuild_decision_outcome: the first decision verb of a line -> doc._.gb_outcome."""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..spans import doc_text

# --------------------------------------------------------- decision outcome
OUTCOME_RULES = [
    ("postponed", r"\budsat\b|\budsætte\b|\budsatte\b|\budskudt\b"),
    ("approved", r"\bgodkendt(?:e)?\b|\btiltrådte\b|\btiltrådt\b|\bvedtog\b|\bvedtaget\b|\bbesluttede\b|\bbeslutter\b"),
    ("noted", r"\btil\s+efterretning\b|\btog\b[^.]{0,60}\btil\s+orientering\b|\btil\s+orientering\b"),
    ("discussed", r"\bdrøftede\b"),
]
_OUTCOME = re.compile("|".join(f"(?P<{k}>{rx})" for k, rx in OUTCOME_RULES), re.IGNORECASE)


# every alternative of OUTCOME_RULES contains one of these (lower-case); substring tests cost far less than
# the case-insensitive alternation, which most lines fail
_OUTCOME_HINTS = ("udsat", "udsæt", "udskudt", "godkendt", "tiltråd", "vedt", "beslut", "efterretning",
                  "orientering", "drøftede")


def may_have_outcome(text: str) -> bool:
    low = text.lower()
    return any(h in low for h in _OUTCOME_HINTS)


def decision_outcome(text: str) -> Optional[tuple[str, int]]:
    if not may_have_outcome(text):
        return None
    m = _OUTCOME.search(text)
    if not m:
        return None
    return m.lastgroup, m.start()


class DecisionOutcome:
    """First decision verb on a line: approved | noted | discussed | postponed -> doc._.gb_outcome."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.gb_outcome = decision_outcome(doc_text(doc))
        return doc


@Language.factory("graphbuild_decision_outcome", assigns=["doc._.gb_outcome"])
def make_decision_outcome(nlp: Language, name: str):
    return DecisionOutcome(nlp, name)

