"""build_nlp: spacy.blank('da') + entity ruler + the graphbuild components, cached per gazetteer.

The caches are keyed by the Gazetteer itself (equal gazetteers, e.g. a copy sent to a worker process, share one
pipeline), never by id()."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..gazetteer import Gazetteer
from . import components  # noqa: F401  (registers the factories)
from .gate import LineGate
from .ruler import case_sensitive_norms, phrase_patterns


@lru_cache(maxsize=4)
def line_gate(gazetteer: Gazetteer) -> LineGate:
    """The test that decides which lines enter the pipeline (components.LineGate); cached per gazetteer."""
    return LineGate(phrase_patterns(gazetteer.entity_ruler_patterns())[0], gazetteer.role_words())


@lru_cache(maxsize=4)
def build_nlp(gazetteer: Gazetteer) -> Language:
    """spacy.blank('da') + entity_ruler + the graphbuild components; cached per gazetteer."""
    gz = gazetteer
    nlp = spacy.blank("da")
    pats, exact = phrase_patterns(gz.entity_ruler_patterns())
    case_sensitive_norms(nlp, exact)
    ruler = nlp.add_pipe("graphbuild_entity_ruler", name="entity_ruler",
                         config={"phrase_matcher_attr": "NORM", "validate": False, "overwrite_ents": True})
    if pats:
        ruler.add_patterns(pats)
    nlp.add_pipe("graphbuild_org_forms")  # organisations no reference list knows, by their form (org_forms.py)
    nlp.add_pipe("graphbuild_participants")
    nlp.add_pipe("graphbuild_person_roles", config={"role_words": gz.role_words()})
    nlp.add_pipe("graphbuild_body_reports")
    nlp.add_pipe("graphbuild_appointments")
    nlp.add_pipe("graphbuild_decision_outcome")
    nlp.add_pipe("graphbuild_person_names")
    nlp.add_pipe("graphbuild_appointment_events")  # needs the names, roles and organisations found above
    return nlp

