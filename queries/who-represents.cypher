// name: who-represents
// question: Who represents municipality $municipality where (bodies, roles, party, since when)?
// param: municipality string "Rudersdal" municipality name, short name, alias or kommunekode ("Rudersdal" matches "Rudersdal Kommune")
// param: date date? null only the seats valid at this date, YYYY-MM-DD (default: every seat not resigned)
// columns: municipality, person, body, role, status, party, since, until, as_of, basis, doc, line, quote
// since: when the seat began (the appointing decision's meeting, else the first document stating it);
// until: when it ended (resignation, a later member list without the person, the end of the electoral
// term of a council seat); until empty: not known to have ended, as_of is the last date a document states it.
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
WITH mu, p, m, o, basis
WHERE $date IS NULL OR (coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
      AND (m.start_date IS NULL OR m.start_date <= date($date)) AND (m.end_date IS NULL OR date($date) < m.end_date))
// Party letters and the first source line, each on its own (no cross product of their lines).
WITH mu, p, m, o, basis,
     COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS letters
CALL (m) {
  OPTIONAL MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
  RETURN {doc: d.path, line: e.line, quote: e.quote} AS ev
  ORDER BY coalesce(e.date, date('9999-12-31')), e.line
  LIMIT 1
}
RETURN mu.name AS municipality, p.name AS person, o.name AS body, m.role AS role, m.status AS status,
       CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
       toString(m.start_date) AS since, toString(m.end_date) AS until,
       CASE WHEN m.end_date IS NULL THEN toString(m.as_of) END AS as_of,
       basis,
       ev.doc AS doc, ev.line AS line, ev.quote AS quote
ORDER BY person, body, role
