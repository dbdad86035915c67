"""The resolver: every person mention and organisation reference of a run, together, as values."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from ..gazetteer import Gazetteer
from ..model import DocumentFacts, KnownPerson, Resolution, ResolvedDocument, UnresolvedMention
from .judgements import Judgements
from .mentions import collect_mentions, doc_mentions
from .orgs import OrgResolver
from .persons import resolve_persons


class Resolver:
    """Pure and deterministic: same documents, known persons and judgements -> same ids.

    Holds only its inputs: every call of `resolve_all` starts afresh and returns everything it found.
    """

    def __init__(self, gazetteer: Gazetteer, known_persons: Iterable[KnownPerson] = (),
                 judgements: Optional[Judgements] = None):
        self.gazetteer = gazetteer
        self.known = sorted(known_persons, key=lambda k: k.person_id)
        self.judgements = judgements if judgements is not None else Judgements()

    def resolve_all(self, docs: Sequence[DocumentFacts]) -> Resolution:
        """The run's documents resolved (in input order), review candidates and graph merges."""
        orgs = OrgResolver(self.gazetteer)
        orgs_per_doc = [orgs.document(d, doc_mentions(d)) for d in docs]
        mentions_per_doc = [collect_mentions(d, o, orgs) for d, o in zip(docs, orgs_per_doc)]
        everything = sorted((x for ms in mentions_per_doc for x in ms.values()), key=lambda x: (x.doc_id, x.m.mention_id))
        persons = resolve_persons(everything, self.known, self.judgements, lambda oid: _is_body(orgs, oid))

        out = []
        for d, o, ms in zip(docs, orgs_per_doc, mentions_per_doc):
            pof = {mid: persons.person_of[mid] for mid in sorted(ms) if mid in persons.person_of}
            unresolved = tuple(UnresolvedMention(ms[mid].m, persons.unresolved[mid])
                               for mid in sorted(ms) if mid in persons.unresolved)
            out.append(ResolvedDocument(
                facts=d, person_of=pof, persons=tuple(persons.records[pid] for pid in sorted(set(pof.values()))),
                orgs=tuple(orgs.records[k] for k in sorted(o.org_ids)), org_of=o.org_of, unresolved=unresolved,
                party_of=o.party_of, municipality_of={mid: ms[mid].muni for mid in sorted(ms) if ms[mid].muni}))
        return Resolution(tuple(out), persons.candidates, persons.merges)


def _is_body(orgs: OrgResolver, oid: str) -> bool:
    r = orgs.records.get(oid)
    return r is not None and r.kind == "body"


def resolve(docs: Sequence[DocumentFacts], gazetteer: Gazetteer, known_persons: Iterable[KnownPerson] = (),
            judgements: Optional[Judgements] = None) -> Resolution:
    """Resolve one run: see Resolver."""
    return Resolver(gazetteer, known_persons, judgements).resolve_all(docs)


def review_known(gazetteer: Gazetteer, known_persons: Iterable[KnownPerson],
                 judgements: Optional[Judgements] = None) -> tuple:
    """The review queue of the persons the graph already knows (no new documents): CandidatePairs, best first."""
    return resolve((), gazetteer, known_persons, judgements).candidates
