// What the graph already knows about people, for resolution across ingest runs.
// Party and municipality are collected per membership first: a membership carries one ON_BEHALF_OF
// and one REPRESENTS per line that states them, and matching both at once would multiply those lines.
// $exclude: doc_ids of documents about to be replaced. What only they say is not known: a new version
// must be resolved as a clean load of it would be, not against the old version's people.
MATCH (p:Person)
WHERE size($exclude) = 0 OR NOT EXISTS { (p)--() }
   OR EXISTS { (p)-[:HAS_MEMBERSHIP]->(:Membership)-[:EVIDENCED_BY]->(d:Document) WHERE NOT d.doc_id IN $exclude }
   OR EXISTS { (p)-[r:ATTENDED|CONCERNS]-() WHERE NOT r.doc_id IN $exclude }
OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
WHERE size($exclude) = 0 OR EXISTS { (m)-[:EVIDENCED_BY]->(d:Document) WHERE NOT d.doc_id IN $exclude }
WITH p, m, o,
     COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS letters,
     COLLECT { MATCH (m)-[:REPRESENTS]->(x:Municipality) RETURN DISTINCT x.kommunekode } AS codes
UNWIND CASE WHEN size(letters) = 0 THEN [null] ELSE letters END AS letter
UNWIND CASE WHEN size(codes) = 0 THEN [null] ELSE codes END AS code
WITH p, collect(DISTINCT {org_id: o.org_id, role: m.role, party: letter, kommunekode: code,
                          date: toString(coalesce(m.start_date, m.end_date))}) AS contexts
RETURN p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases,
       coalesce(p.merged_ids, []) AS merged_ids, contexts
ORDER BY person_id
