"""Compatibility alias for branches written before the move: the components live in graphbuild.nlp
(names, spans, ruler, gate, components/*).  Import from there; this module goes once no branch imports it."""
from .nlp.components.appointments import APPOINTMENT_RULES, SEAT_RULES, Appointments  # noqa: F401
from .nlp.components.outcome import decision_outcome, may_have_outcome  # noqa: F401
from .nlp.components.participants import parse_participant  # noqa: F401
from .nlp.gate import LineGate  # noqa: F401
from .nlp.names import LO, NAME, NAME_RE, UP, has_name, plausible_name  # noqa: F401
from .nlp.ruler import GazetteerRuler, case_sensitive_norms, phrase_patterns  # noqa: F401
from .nlp.spans import CANONICAL_ROLE, DEFAULT_ROLE_WORDS, doc_ents, doc_text, role_heads  # noqa: F401
