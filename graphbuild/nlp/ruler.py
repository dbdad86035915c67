"""The entity ruler: gazetteer phrase patterns, case-sensitive abbreviations, spaCy's EntityRuler without its
per-Doc bookkeeping."""
from __future__ import annotations

from spacy.attrs import NORM
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

# ------------------------------------------------------------ entity ruler
def phrase_patterns(patterns: list[dict]) -> tuple[list[dict], set[str]]:
    """Gazetteer patterns as phrase patterns only, and the words that must match case-sensitively.

    A token pattern made of ORTH-only tokens (the gazetteer's abbreviations: [{"ORTH": "KL"}]) becomes the
    phrase pattern "KL"; its words go into the returned set.  With case_sensitive_norms() and
    phrase_matcher_attr="NORM" the ruler then needs no token Matcher at all (the Matcher costs more per line
    than tokenising it): words in the set match exactly as written ("KL", not "kl." or "Kl"), every
    other word case-insensitively, as phrase_matcher_attr="LOWER" did.  Other token patterns are kept.
    """
    out, exact = [], set()
    for p in patterns:
        pat = p.get("pattern")
        if isinstance(pat, list) and pat and all(isinstance(t, dict) and set(t) == {"ORTH"} for t in pat):
            words = [t["ORTH"] for t in pat]
            exact.update(words)
            out.append(dict(p, pattern=" ".join(words)))
        else:
            out.append(p)
    return out, exact


def case_sensitive_norms(nlp: Language, exact: set[str]) -> None:
    """NORM = the default norm (lower case), except for the words in `exact`, which keep their case."""
    base = nlp.vocab.lex_attr_getters.get(NORM) or (lambda w: w.lower())
    words = frozenset(exact)

    def norm(w: str, _base=base, _words=words) -> str:
        return w if w in _words else _base(w)

    nlp.vocab.lex_attr_getters[NORM] = norm
    for w in words:  # lexemes that exist already (the tokenizer's special cases)
        nlp.vocab[w].norm_ = w


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler without its per-Doc bookkeeping.

    EntityRuler.match() counts every pattern (len(self)) and runs the token Matcher on each Doc even
    when the ruler has phrase patterns only; on short lines that costs more than the matching itself.
    Matching and entity setting are EntityRuler's own (longest match first, overwrite_ents honoured).
    """

    def match(self, doc: Doc):
        matches = self.phrase_matcher(doc)
        if self.token_patterns:
            matches = list(self.matcher(doc)) + list(matches)
        if not matches:
            return matches
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc, matches):
        """EntityRuler.set_annotations, minus its token scan for existing entities when overwrite_ents is on
        (it tests `any(t.ent_type ...)` before `not self.overwrite`)."""
        if not matches:
            return
        entities = list(doc.ents)
        new_entities = []
        seen_tokens: set[int] = set()
        for match_id, start, end in matches:
            if not self.overwrite and any(t.ent_type for t in doc[start:end]):
                continue
            if start not in seen_tokens and end - 1 not in seen_tokens:
                if match_id in self._ent_ids:
                    label, ent_id = self._ent_ids[match_id]
                    span = Span(doc, start, end, label=label, span_id=ent_id)
                else:
                    span = Span(doc, start, end, label=match_id)
                new_entities.append(span)
                if entities:
                    entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities


@Language.factory("graphbuild_entity_ruler", assigns=["doc.ents"], default_config={
    "phrase_matcher_attr": None, "validate": False, "overwrite_ents": False, "ent_id_sep": "||"})
def make_gazetteer_ruler(nlp: Language, name: str, phrase_matcher_attr, validate: bool, overwrite_ents: bool,
                         ent_id_sep: str):
    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr, validate=validate,
                          overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep)

