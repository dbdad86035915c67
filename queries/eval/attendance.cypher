// eval: attendance a document states, with the party letters and municipalities the same document states
// for the person (ON_BEHALF_OF / REPRESENTS carrying that doc_id).
MATCH (p:Person)-[a:ATTENDED]->(m:Meeting)
WHERE a.doc_id IN $doc_ids
CALL (p, a) {
  OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(:Membership)-[x:ON_BEHALF_OF]->(party:Party)
  WHERE x.doc_id = a.doc_id
  RETURN collect(DISTINCT party.letter) AS parties
}
CALL (p, a) {
  OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(:Membership)-[x:REPRESENTS]->(mu:Municipality)
  WHERE x.doc_id = a.doc_id
  RETURN collect(DISTINCT mu.short_name) AS municipalities
}
RETURN DISTINCT a.doc_id AS doc_id, p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases,
       a.status AS status, a.role AS role, m.meeting_id AS meeting_id, a.line AS line, parties, municipalities
