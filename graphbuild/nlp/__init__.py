"""graphbuild.nlp: StructuredDocument -> DocumentFacts.  Pure: no database, no network.

One spaCy pipeline, built once per gazetteer and cached (build.build_nlp):
    spacy.blank("da") + entity_ruler (gazetteer patterns, ruler.py) + graphbuild_participants
    + graphbuild_person_roles + graphbuild_body_reports + graphbuild_appointments
    + graphbuild_decision_outcome (components/)
Each normalised line that can carry a fact (gate.LineGate; participant lines always) is run through the
pipeline exactly once (nlp.pipe), and two lines once more, joined, where a sentence runs over the line end
(across.py); the components write per-line findings to Doc extensions (findings.py) and the fact modules
(people, seats, items, pages) turn them into facts, using what only the document structure knows
(participant block, item, section, the lines around a signature).

Every fact's Evidence is (doc_id, Line.line = line in the ORIGINAL file, quote(Line.text)).  Lines that
look like they carry a participant or an appointment but do not parse go to DocumentFacts.unresolved.

Modules: names (person-name shapes), spans (Doc helpers, role words), ruler, gate, components/*, findings,
build (build_nlp, line_gate), state, extract (entry point), people, across, seats,
items, pages.
"""
from .build import build_nlp, line_gate
from .extract import extract, extract_path, facts_to_jsonl

__all__ = ["build_nlp", "extract", "extract_path", "facts_to_jsonl", "line_gate"]
