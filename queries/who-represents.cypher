// name: who-represents
// question: Who represents municipality $municipality where (bodies, roles, party, since when)?
// param: municipality string "Rudersdal" municipality name, short name, alias or kommunekode ("Rudersdal" matches "Rudersdal Kommune")
// columns: municipality, person, body, role, status, party, since, until, basis, doc, line, quote
// A seat counts when its membership REPRESENTS the municipality ("stated"), or when the
// membership names no municipality and the same person represents it elsewhere ("via person").
// Resigned seats are left out (see seats-of-person / body-appointments for history).
// Resolve the municipality first (98 nodes), then expand from it.
CALL () {
  WITH toLower(trim($municipality)) AS q
  MATCH (mu:Municipality)
  WHERE mu.kommunekode = q OR toLower(mu.name) = q OR toLower(coalesce(mu.short_name, '')) = q
     OR toLower(mu.name) = q + ' kommune' OR toLower(mu.name) = q + 's kommune'
     OR any(a IN coalesce(mu.aliases, []) WHERE toLower(a) = q)
  RETURN mu
}
CALL (mu) {
  // "stated": the membership represents the municipality.
  MATCH (mu)<-[:REPRESENTS]-(m:Membership)
  WITH DISTINCT m  // one REPRESENTS per line that states it
  MATCH (m)<-[:HAS_MEMBERSHIP]-(p:Person)
  MATCH (m)-[:IN_ORGANIZATION]->(o:Organization)
  WHERE NOT o:Party AND coalesce(m.status, '') <> 'resigned'
  RETURN p, m, o, 'stated' AS basis
  UNION
  // "via person": a membership naming no municipality, of someone who represents this one elsewhere.
  MATCH (mu)<-[:REPRESENTS]-(rm:Membership)
  WITH DISTINCT rm
  MATCH (rm)<-[:HAS_MEMBERSHIP]-(p:Person)
  WITH DISTINCT p
  MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
  WHERE NOT o:Party AND coalesce(m.status, '') <> 'resigned' AND NOT (m)-[:REPRESENTS]->(:Municipality)
  RETURN p, m, o, 'via person' AS basis
}
// Party letters and the first source line, each on its own (no cross product of their lines).
WITH mu, p, m, o, basis,
     COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS letters
CALL (m) {
  OPTIONAL MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
  RETURN {doc: d.path, line: e.line, quote: e.quote} AS ev
  ORDER BY coalesce(e.date, '9999'), e.line
  LIMIT 1
}
RETURN mu.name AS municipality, p.name AS person, o.name AS body, m.role AS role, m.status AS status,
       CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
       m.start_date AS since, m.end_date AS until,
       basis,
       ev.doc AS doc, ev.line AS line, ev.quote AS quote
ORDER BY person, body, role
