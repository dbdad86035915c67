// name: body-members
// question: Who held a seat on body $org_id at the latest date a document states its members (role, party, municipality, since)?
// param: org_id string "council:kkr-hovedstaden" the body's or council's org_id
// columns: at, person_id, person, role, status, party, municipality, since, until, as_of, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web). at: the latest date any document states a seat on the
// body; a seat counts when it held then (start_date empty or <= at, end_date empty or > at: see
// docs/schema.md, "When a membership held"), one row per person and role, with the latest line stating it.
MATCH (o:Organization {org_id: $org_id})<-[:IN_ORGANIZATION]-(m:Membership)
WITH o, max(m.as_of) AS at
MATCH (o)<-[:IN_ORGANIZATION]-(m:Membership)<-[:HAS_MEMBERSHIP]-(p:Person)
WHERE coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
      AND (at IS NULL OR ((m.start_date IS NULL OR m.start_date <= at) AND (m.end_date IS NULL OR at < m.end_date)))
CALL (m) {
  MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
  RETURN d.doc_id AS doc_id, e.line AS line, e.quote AS quote
  ORDER BY e.date DESC, e.line LIMIT 1
}
WITH at, p, m, doc_id, line, quote
ORDER BY m.as_of DESC
WITH at, p, m.role AS role, collect({m: m, doc_id: doc_id, line: line, quote: quote})[0] AS latest
WITH at, p, role, latest, latest.m AS m
RETURN toString(at) AS at, p.person_id AS person_id, p.name AS person, role, m.status AS status,
       COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS party,
       COLLECT { MATCH (m)-[:REPRESENTS]->(x:Municipality) RETURN DISTINCT x.name } AS municipality,
       toString(m.start_date) AS since, toString(m.end_date) AS until, toString(m.as_of) AS as_of,
       latest.doc_id AS doc_id, latest.line AS line, latest.quote AS quote
ORDER BY person, role
