"""The line gate: which lines can carry anything the pipeline would find."""
from __future__ import annotations

from .components.appointment_events import event_keyword
from .components.appointments import Appointments
from .components.outcome import may_have_outcome
from .components.person_names import may_name_person
from .names import NAME_RE, NAME_SHAPE
from ..gazetteer import load_gazetteer
from .spans import GATE_WORD, role_heads

# ----------------------------------------------------------------- line gate


class LineGate:
    """Can this line carry anything the components or the entity ruler would find?

    A line goes into the pipeline only if (a) two of its consecutive words are the first two words of a
    gazetteer phrase, or one word is a one-word gazetteer phrase (lower-cased, as the ruler matches),
    (b) one of its words starts a role phrase (PersonRoles needs a whole role word), or it holds an
    appointment keyword, "oplyste" or a decision verb (the components' own gates), or (c) it is a bare
    person name (a signature).  Every test is looser than the component it stands for, so a line turned
    away would have produced nothing.  Most prose lines are turned away; word-set tests, not one big
    regex (an alternation of a hundred role words costs more than tokenising the line).
    """

    def __init__(self, patterns: list[dict], role_words: list[str]):
        self.singles: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.open = False  # a token pattern we cannot reduce to words: let every line through
        for p in patterns:
            pat = p.get("pattern")
            if isinstance(pat, list):
                vals = [next(iter(t.values())) if isinstance(t, dict) and len(t) == 1 and
                        set(t) <= {"ORTH", "LOWER", "TEXT", "NORM"} else None for t in pat]
                if not vals or any(not isinstance(v, str) for v in vals):
                    self.open = True
                    continue
                pat = " ".join(vals)
            words = GATE_WORD.findall(str(pat).lower())
            if len(words) == 1:
                self.singles.add(words[0])
            elif words:
                self.pairs.add((words[0], words[1]))
            else:
                self.open = True
        self.heads = {a for a, _ in self.pairs}
        # a role is matched as whole words (PersonRoles: role_first, name_first, role_only), maybe after "KKR-"
        self.role_heads = role_heads(role_words or load_gazetteer().role_words())

    def __call__(self, text: str) -> bool:
        if self.open or "oplyste" in text or Appointments.KEYWORDS.search(text) or may_have_outcome(text) \
                or event_keyword().search(text):
            return True
        words = GATE_WORD.findall(text.lower())
        singles, heads, pairs, roles = self.singles, self.heads, self.pairs, self.role_heads
        for i, w in enumerate(words):
            if w in singles or w in roles:
                return True
            if w in heads and i + 1 < len(words) and (w, words[i + 1]) in pairs:
                return True
        return bool(NAME_RE.match(text.strip())) or may_name_person(text)

    def may_place_person(self, text: str) -> bool:
        """Could the role, report or appointment components find a person here (keyword and a name shape)?"""
        if not (self.open or "oplyste" in text or Appointments.KEYWORDS.search(text) or event_keyword().search(text) or
                not self.role_heads.isdisjoint(GATE_WORD.findall(text.lower()))):
            return False
        return bool(NAME_SHAPE.search(text))

