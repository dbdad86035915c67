"""The headings of an agenda item's sections ("Sagsfremstilling", "Indstilling", "Beslutning", "Bilag") and the
case labels written beside them ("Sagsnr.", "Dok.nr.", "Acadre"), kept once in graphbuild/data/section_words.csv.

Each reader uses the headings marked with its use (column `uses`):
  item_section    a line that is only this heading opens the item's section of that `name` (items.py)
  ends_title      a line starting so is an item's section or case label, not the rest of its title (item_lines.py)
  decision_after  a line that is only this heading, after a plain heading, makes that heading an item
  first_section   the first section line of an item on a flattened page
  ends_decision   a decision section runs until a line that is only this heading (decisions.py)
  case_tail       a case reference after a title on its line ("... Dok.nr.: 1965 Sagsid.: 14/40")
  splits_flat_page  a PDF page flattened onto one line is split before it (graphbuild/text/lines.py)
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import data_rows


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[str, str, frozenset[str]], ...]:
    return tuple((r["heading"].strip().lower(), r["name"].strip(), frozenset(r["uses"].split("|")))
                 for r in data_rows("section_words.csv"))


def headings(use: str) -> tuple[str, ...]:
    """The headings marked with this use, lower-case, in the file's order."""
    found = tuple(h for h, _, uses in _rows() if use in uses)
    if not found:
        raise KeyError(f"section_words.csv marks no heading with use {use!r}")
    return found


def section_names() -> dict[str, str]:
    """Heading (lower-case) -> the section name an item's section gets ("vedlagte bilag" -> "Bilag")."""
    return {h: name for h, name, uses in _rows() if "item_section" in uses}


def phrase_alternation(phrases) -> str:
    """A regex alternation of written phrases, the longer first; a space stands for any run of whitespace."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


def heading_alternation(use: str) -> str:
    return phrase_alternation(headings(use))
