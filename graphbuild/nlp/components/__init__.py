"""The graphbuild spaCy components: small, named, one job each, rules only.

Every component looks at ONE normalised line (one spaCy Doc), declares the Doc extension it writes
(`assigns` of its factory) and writes typed findings there (graphbuild.nlp.findings); the cross-line logic
(which block a line is in, which item it belongs to, a signature spread over two lines) lives in the fact
modules of graphbuild.nlp.  Components first test a cheap keyword/word-set on the line text and return at
once when it does not match.
"""
from .. import findings  # noqa: F401  (registers the Doc extensions)
from . import appointment_events, appointments, org_forms, outcome, participants, person_names, reports, roles  # noqa: F401  (factories)
