"""Compatibility alias for branches written before the move: extraction lives in graphbuild.nlp.
Import from graphbuild.nlp; this module goes once no branch imports it."""
from .nlp import build_nlp, extract, extract_path, facts_to_jsonl, line_gate  # noqa: F401
