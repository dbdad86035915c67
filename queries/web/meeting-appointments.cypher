// name: meeting-appointments
// question: Which seats did meeting $meeting_id decide (appointments, resignations, replacements), and on which line?
// param: meeting_id string "council:kkr-hovedstaden:2020-06-19" the meeting's id
// columns: item, person_id, person, body_id, body, role, status, replaces, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web): the decisions of the meeting's items that APPOINT a
// membership, each with the line stating it.
MATCH (:Meeting {meeting_id: $meeting_id})<-[:ON_AGENDA_OF]-(ai:AgendaItem)-[:RESULTED_IN]->(x:Decision)-[r:APPOINTS]->(m:Membership)
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m)-[:IN_ORGANIZATION]->(o:Organization)
RETURN ai.number AS item, p.person_id AS person_id, p.name AS person, o.org_id AS body_id, o.name AS body,
       m.role AS role, m.status AS status,
       COLLECT { MATCH (m)-[q:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(g:Person)
                 WHERE q.doc_id = r.doc_id AND q.line = r.line RETURN DISTINCT g.name } AS replaces,
       r.doc_id AS doc_id, r.line AS line, r.quote AS quote
ORDER BY item, line, person
