"""Curated reference data (regions, municipalities, the gazetteer's organizations) as load rows.

Pure: the gazetteer in, parameter rows for cypher/reference_*.cypher and load_organizations.cypher out.
"""
from __future__ import annotations


def reference_rows(gazetteer) -> tuple[list[dict], list[dict], list[dict]]:
    regions = [dict(regionskode=r.regionskode, name=r.name, short_name=r.short_name)
               for r in sorted(gazetteer.regions.values(), key=lambda r: r.regionskode)]
    municipalities = [dict(kommunekode=m.kommunekode, name=m.name, short_name=m.short_name,
                           aliases=sorted(set(m.aliases)), regionskode=m.regionskode)
                      for m in sorted(gazetteer.municipalities.values(), key=lambda m: m.kommunekode)]
    orgs = [dict(org_id=b.org_id, name=b.name, kind=b.kind, short_name=b.short_name, aliases=sorted(set(b.aliases)),
                 classification=b.classification or None, letter=None, kommunekode=None, source="gazetteer")
            for b in sorted(gazetteer.orgs.values(), key=lambda b: b.org_id)]
    orgs += [dict(org_id=p.org_id, name=p.name, kind="party", short_name=p.short_name, aliases=sorted(set(p.aliases)),
                  classification=p.classification, letter=p.letter, kommunekode=None, source="gazetteer")
             for p in sorted(gazetteer.parties.values(), key=lambda p: p.org_id)]
    return regions, municipalities, orgs


def curated_org_ids(gazetteer) -> frozenset:
    return frozenset(gazetteer.orgs) | frozenset(p.org_id for p in gazetteer.parties.values())
