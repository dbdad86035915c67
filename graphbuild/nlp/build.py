"""build_nlp: spacy.blank('da') + entity ruler + the graphbuild components, cached per gazetteer."""
from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .gate import LineGate
from .gaz import Gaz
from .ruler import case_sensitive_norms, phrase_patterns

# ------------------------------------------------------------------ pipeline
_NLP_CACHE: dict[int, tuple[Any, Language]] = {}
_GATE_CACHE: dict[int, tuple[Any, "LineGate"]] = {}


def line_gate(gazetteer: Any) -> "LineGate":
    """The test that decides which lines enter the pipeline (components.LineGate); cached per gazetteer."""
    hit = _GATE_CACHE.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    gz = Gaz(gazetteer)
    gate = LineGate(phrase_patterns(gz.patterns())[0], gz.role_words())
    _GATE_CACHE[id(gazetteer)] = (gazetteer, gate)
    return gate


def build_nlp(gazetteer: Any) -> Language:
    """spacy.blank('da') + entity_ruler + the graphbuild components; cached per gazetteer object."""
    hit = _NLP_CACHE.get(id(gazetteer))
    if hit is not None and hit[0] is gazetteer:
        return hit[1]
    gz = Gaz(gazetteer)
    nlp = spacy.blank("da")
    pats, exact = phrase_patterns(gz.patterns())
    case_sensitive_norms(nlp, exact)
    ruler = nlp.add_pipe("graphbuild_entity_ruler", name="entity_ruler",
                         config={"phrase_matcher_attr": "NORM", "validate": False, "overwrite_ents": True})
    if pats:
        ruler.add_patterns(pats)
    nlp.add_pipe("graphbuild_participants")
    nlp.add_pipe("graphbuild_person_roles", config={"role_words": gz.role_words()})
    nlp.add_pipe("graphbuild_body_reports")
    nlp.add_pipe("graphbuild_appointments")
    nlp.add_pipe("graphbuild_decision_outcome")
    _NLP_CACHE[id(gazetteer)] = (gazetteer, nlp)
    return nlp

