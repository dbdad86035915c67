"""Resolution: person mentions and organisation references -> canonical entities.

Pure: takes DocumentFacts (and what the graph already knows, as plain records) and returns a Resolution (the
ResolvedDocuments for the loader, review candidates, graph merges) as values. Never talks to the database.

    names       name forms, keys, slugs, how two names compare
    rules       thresholds and how two contexts agree
    judgements  curator decisions (an enum) from graphbuild/data/judgements.csv
    orgs        organisation references -> OrgRecords (through the gazetteer)
    mentions    person mentions with their context; clusters of written names
    persons     mentions -> persons, in named steps; partial: initials and single names; review: candidates
    resolver    Resolver / resolve(): one run, as a Resolution
"""
from ..model import (CandidatePair, GraphMerge, KnownPerson, OrgRecord, PersonContext, PersonRecord, Resolution,
                     ResolvedDocument, UnresolvedMention, org_key)
from .evaluation import person_precision_recall
from .judgements import Judgement, Judgements, load_judgements
from .mentions import doc_mentions
from .names import display_name, is_full_name, name_key, name_score, name_tokens, normalise_name, slugify
from .resolver import Resolver, resolve, review_known

__all__ = ["CandidatePair", "GraphMerge", "Judgement", "Judgements", "KnownPerson", "OrgRecord", "PersonContext",
           "PersonRecord", "Resolution", "ResolvedDocument", "Resolver", "UnresolvedMention", "display_name",
           "doc_mentions", "is_full_name", "load_judgements", "name_key", "name_score", "name_tokens", "normalise_name",
           "org_key", "person_precision_recall", "resolve", "review_known", "slugify"]
