// What the graph already knows about people, for resolution across ingest runs.
MATCH (p:Person)
OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
OPTIONAL MATCH (m)-[:ON_BEHALF_OF]->(party:Party)
OPTIONAL MATCH (m)-[:REPRESENTS]->(mu:Municipality)
WITH p, collect(DISTINCT {org_id: o.org_id, role: m.role, party: party.letter, kommunekode: mu.kommunekode,
                          date: coalesce(m.start_date, m.end_date)}) AS contexts
RETURN p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases,
       coalesce(p.merged_ids, []) AS merged_ids, contexts
ORDER BY person_id
