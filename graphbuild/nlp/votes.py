"""Votes as stated (graphbuild/meeting/votes.StatedVote) turned into facts: one VoteFact per vote, one Ballot per
party or person on each side, each with the line that states it."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..model import Ballot, VoteFact
from ..meeting.attendance import person as person_shape
from .names import plausible_name
from .state import State


@lru_cache(maxsize=None)
def written_letters() -> dict[str, str]:
    """Letters written in minutes and the media ("S", "RV", "DF") -> the official list letter."""
    text = resources.files("graphbuild").joinpath("data", "party_letters_written.csv").read_text(encoding="utf-8")
    return {r["written"]: r["letter"] for r in csv.DictReader(io.StringIO(text))}


def party_id(st: State, written: str) -> Optional[str]:
    """The reference data's party for a letter or name as written, or None (a local list it does not know)."""
    surface = written_letters().get(written.strip(), written.strip())
    rec = st.gz.lookup_party(surface) if len(surface) > 1 or surface.isupper() else None
    oid = rec.org_id if rec is not None else None
    return oid if oid and str(oid).startswith("party:") and ":local:" not in str(oid) else None


def votes(st: State, stated: list) -> None:
    for v in stated:
        fact = VoteFact(evidence=st.ev(v.line), item_number=v.item, subject=v.subject, body=v.body, date=v.date,
                        outcome=v.outcome, counts={k: s.count for k, s in v.sides.items() if s.count is not None})
        for position, side in v.sides.items():
            for party in side.parties:
                fact.ballots.append(Ballot(position=position, evidence=st.ev(v.line), party=party,
                                           party_id=party_id(st, party)))
            for name, letter in side.members:
                if not (plausible_name(name) or person_shape(name)):
                    continue
                ln = next((x for x in v.lines if name.split()[-1] in x.text), v.line)
                pm = st.mention(name, ln, party=letter)
                fact.ballots.append(Ballot(position=position, evidence=st.ev(ln), party=letter,
                                           party_id=party_id(st, letter) if letter else None, person=pm))
        st.facts.votes.append(fact)
