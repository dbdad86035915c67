// name: body-seat-changes
// question: Which seat changes (appointments, resignations, replacements, nominations) has body $org_id seen, newest first?
// param: org_id string "body:samarbejdsudvalget-psykologhjaelp-hovedstaden" the body's or council's org_id
// param: limit int? 200 how many changes
// columns: date, person_id, person, role, status, party, municipality, replaces, decision, decided_at, meeting_id, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web): the body page's timeline and its Atom feed. One row per
// line stating a change; a line that only confirms a seat (a member list, an attendance list) is left out
// (the whole history, every line: the body-appointments report).
MATCH (o:Organization {org_id: $org_id})<-[:IN_ORGANIZATION]-(m:Membership)<-[:HAS_MEMBERSHIP]-(p:Person)
WHERE m.status IN ['appointed', 'resigned', 'nominated', 'proposed'] OR EXISTS { (m)-[:REPLACES]->() }
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
WITH p, m, e, d,
     COLLECT { MATCH (m)-[r:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(g:Person)
               WHERE r.doc_id = d.doc_id AND r.line = e.line RETURN DISTINCT g.name } AS replaces
WHERE m.status IN ['appointed', 'resigned', 'nominated', 'proposed'] OR size(replaces) > 0
CALL (m, e, d) {
  OPTIONAL MATCH (x:Decision)-[r:APPOINTS]->(m) WHERE r.doc_id = d.doc_id AND r.line = e.line
  OPTIONAL MATCH (x)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
  RETURN x.text AS decision, xm.date AS decided_at, xm.meeting_id AS meeting_id
  ORDER BY decided_at LIMIT 1
}
RETURN toString(coalesce(e.date, m.start_date)) AS date, p.person_id AS person_id, p.name AS person,
       m.role AS role, m.status AS status,
       COLLECT { MATCH (m)-[r:ON_BEHALF_OF]->(x:Party) WHERE r.doc_id = d.doc_id AND r.line = e.line
                 RETURN DISTINCT x.letter } AS party,
       COLLECT { MATCH (m)-[r:REPRESENTS]->(x:Municipality) WHERE r.doc_id = d.doc_id AND r.line = e.line
                 RETURN DISTINCT x.name } AS municipality,
       replaces, decision, toString(decided_at) AS decided_at, meeting_id, d.doc_id AS doc_id, e.line AS line,
       e.quote AS quote
ORDER BY date DESC, line, person
LIMIT $limit
