// eval: memberships (person, role, status, organization) a document evidences, with the party, municipality
// and replaced person that the same document states.
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(ms:Membership)-[e:EVIDENCED_BY]->(d:Document)
WHERE d.doc_id IN $doc_ids
WITH DISTINCT p, ms, d, min(e.line) AS line
MATCH (ms)-[:IN_ORGANIZATION]->(o:Organization)
CALL (ms, d) {
  OPTIONAL MATCH (ms)-[x:ON_BEHALF_OF]->(party:Party)
  WHERE x.doc_id = d.doc_id
  RETURN collect(DISTINCT party.letter) AS parties
}
CALL (ms, d) {
  OPTIONAL MATCH (ms)-[x:REPRESENTS]->(mu:Municipality)
  WHERE x.doc_id = d.doc_id
  RETURN collect(DISTINCT mu.short_name) AS municipalities
}
CALL (ms, d) {
  OPTIONAL MATCH (ms)-[x:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(old:Person)
  WHERE x.doc_id = d.doc_id
  RETURN collect(DISTINCT old.name) AS replaces
}
RETURN d.doc_id AS doc_id, p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases,
       ms.role AS role, ms.status AS status, o.org_id AS org_id, o.name AS organization,
       [x IN [o.short_name] + coalesce(o.aliases, []) WHERE x IS NOT NULL] AS organization_aliases,
       [l IN labels(o) WHERE l <> 'Organization'][0] AS organization_label, line, parties, municipalities, replaces
