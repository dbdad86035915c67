// name: municipality-profile
// question: Which region, health cluster(s), bodies and councils is municipality $municipality part of, and who represents it where?
// param: municipality string "Rudersdal" municipality name, short name, alias or kommunekode ("Rudersdal" matches "Rudersdal Kommune")
// param: date date? null only the seats valid at this date, YYYY-MM-DD (default: every seat not resigned)
// columns: municipality, part, organization, person, role, status, party, since, until, as_of, doc, line, quote
// One row per fact, in this order (column part): its "region"; its "health cluster"(s) and the other
// bodies it is a "member municipality of" (as the documents' tables state it, first supporting line);
// its "council"s: its region's KKR (reference data, no source line) and every council where someone
// holds a seat on its behalf; then every "seat" held on its behalf (person, role, party, since, first
// source line; resigned seats left out, see seats-of-person / body-appointments for history, and
// who-represents for seats of its people that name no municipality). since/until/as_of as in
// who-represents: until empty = not known to have ended, as_of = the last date a document states it.
CALL () {
  WITH toLower(trim($municipality)) AS q
  MATCH (mu:Municipality)
  WHERE mu.kommunekode = q OR toLower(mu.name) = q OR toLower(coalesce(mu.short_name, '')) = q
     OR toLower(mu.name) = q + ' kommune' OR toLower(mu.name) = q + 's kommune'
     OR any(a IN coalesce(mu.aliases, []) WHERE toLower(a) = q)
  RETURN mu
}
CALL (mu) {
  MATCH (mu)-[:IN_REGION]->(g:Region)
  RETURN 0 AS rank, 'region' AS part, g.name AS organization, null AS person, null AS role, null AS status,
         null AS party, null AS since, null AS until, null AS as_of, null AS doc, null AS line, null AS quote
  UNION
  // Member municipality of a body (health clusters and others): the first line that states it.
  MATCH (mu)-[r:MEMBER_OF]->(o:Organization)
  WITH o, r ORDER BY r.doc_id, r.line
  WITH o, head(collect(r)) AS r
  OPTIONAL MATCH (d:Document {doc_id: r.doc_id})
  RETURN CASE WHEN o.classification = 'health cluster' THEN 1 ELSE 2 END AS rank,
         CASE WHEN o.classification = 'health cluster' THEN 'health cluster' ELSE 'member municipality of' END AS part,
         o.name AS organization, null AS person, null AS role, null AS status, null AS party, null AS since,
         null AS until, null AS as_of, d.path AS doc, r.line AS line, r.quote AS quote
  UNION
  // The regional municipal contact council (KKR) of its region: one per region, named after it.
  MATCH (mu)-[:IN_REGION]->(g:Region)
  MATCH (c:Council)
  WHERE c.name = 'KKR ' + g.short_name
  RETURN 3 AS rank, 'council' AS part, c.name AS organization, null AS person, null AS role, null AS status,
         null AS party, null AS since, null AS until, null AS as_of, null AS doc, null AS line, null AS quote
  UNION
  // Councils where someone holds a seat on its behalf.
  MATCH (mu)<-[:REPRESENTS]-(m:Membership)-[:IN_ORGANIZATION]->(c:Council)
  WHERE coalesce(m.status, '') <> 'resigned'
    AND ($date IS NULL OR ((m.start_date IS NULL OR m.start_date <= date($date))
                           AND (m.end_date IS NULL OR date($date) < m.end_date)))
  RETURN DISTINCT 3 AS rank, 'council' AS part, c.name AS organization, null AS person, null AS role,
         null AS status, null AS party, null AS since, null AS until, null AS as_of, null AS doc, null AS line, null AS quote
  UNION
  // Seats held on its behalf, with party letters and the first source line (no cross product).
  MATCH (mu)<-[:REPRESENTS]-(m:Membership)
  WITH DISTINCT m
  MATCH (m)<-[:HAS_MEMBERSHIP]-(p:Person)
  MATCH (m)-[:IN_ORGANIZATION]->(o:Organization)
  WHERE NOT o:Party AND coalesce(m.status, '') <> 'resigned'
    AND ($date IS NULL OR (coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
         AND (m.start_date IS NULL OR m.start_date <= date($date)) AND (m.end_date IS NULL OR date($date) < m.end_date)))
  WITH p, m, o, COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS letters
  CALL (m) {
    OPTIONAL MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
    RETURN {doc: d.path, line: e.line, quote: e.quote} AS ev
    ORDER BY coalesce(e.date, date('9999-12-31')), e.line
    LIMIT 1
  }
  RETURN 4 AS rank, 'seat' AS part, o.name AS organization, p.name AS person, m.role AS role, m.status AS status,
         CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
         toString(m.start_date) AS since, toString(m.end_date) AS until,
         CASE WHEN m.end_date IS NULL THEN toString(m.as_of) END AS as_of, ev.doc AS doc, ev.line AS line, ev.quote AS quote
}
RETURN mu.name AS municipality, part, organization, person, role, status, party, since, until, as_of, doc, line, quote
ORDER BY rank, organization, person, role
