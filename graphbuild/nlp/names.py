"""Person-name shapes: what a written person name looks like (capitalised words, initials)."""
from __future__ import annotations

import re
from typing import Optional

from .lexicon import name_words

UP = "A-ZÆØÅÉÖÜÄ"
LO = "a-zæøåéöüäëïáàèíóú"
WORD = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"
INITIAL = rf"[{UP}]\."
# 2-4 capitalised tokens, a middle initial allowed ("Allan S. Andersen")
NAME = rf"{WORD}(?: (?:{WORD}|{INITIAL})){{0,2}} {WORD}"
NAME_RE = re.compile(rf"^{NAME}$")

# capitalised words that start sentences/organisations, never a first name
NOT_FIRST = frozenset(name_words("not_first"))
NOT_NAME_TOKEN = frozenset(name_words("not_in_name"))


# words and endings that make capitalised words an organisation or a place, not a person
ORG_TOKENS = frozenset(name_words("org_token"))
ORG_ENDINGS = name_words("org_ending")


def plausible_name(name: str) -> bool:
    toks = name.split()
    if not 2 <= len(toks) <= 4 or not NAME_RE.match(name):
        return False
    if toks[0] in NOT_FIRST or toks[0].endswith("s") and toks[0][:-1] in NOT_FIRST:
        return False
    if toks[-1].lower().endswith(ORG_ENDINGS):
        return False  # "Næstved Varmeværk", "Sygehus Sønderjylland" written before "(B)"
    return not any(t in NOT_NAME_TOKEN or t in ORG_TOKENS for t in toks)


_NAME_AT = re.compile(NAME)


def has_name(text: str) -> bool:
    """A plausible person name starts at some word of text."""
    for w in re.finditer(rf"(?<![\w-])[{UP}]", text):
        m = _NAME_AT.match(text, w.start())
        if m and any(plausible_name(" ".join(m.group(0).split()[:k])) for k in (4, 3, 2)):
            return True
    return False


PERSONISH = re.compile(rf"[{UP}][{LO}]+ [{UP}][{LO}]+")
NAME_SHAPE = re.compile(rf"{WORD} (?:{INITIAL} )?{WORD}")


# words before a name that are no role but never part of the name either; the role titles ("Overborgmester
# Frank Jensen") are the roles.csv words marked "title" (Gazetteer.roles_used_as("title"))
OTHER_TITLE_WORDS = frozenset(name_words("other_title"))


def split_title(name: str, role_titles: frozenset[str] = frozenset()) -> tuple[Optional[str], str]:
    """('overborgmester', 'Frank Jensen') for 'Overborgmester Frank Jensen' (role_titles: roles.csv's titles);
    (None, name) when no title leads or fewer than two words would be left."""
    toks = name.split()
    if len(toks) >= 3 and (toks[0].lower() in role_titles or toks[0].lower() in OTHER_TITLE_WORDS):
        return toks[0].lower(), " ".join(toks[1:])
    return None, name
