// name: person-decisions
// question: At which meetings were the seats of person $person_id decided (the decision that APPOINTS each)?
// param: person_id string "person:jacob-netteberg" the person's id
// columns: body, role, status, decision, decided_at, meeting_id, item, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web): links a seat to the meeting that decided it and to the
// line of the document that states it.
MATCH (:Person {person_id: $person_id})-[:HAS_MEMBERSHIP]->(m:Membership)<-[r:APPOINTS]-(x:Decision)
MATCH (m)-[:IN_ORGANIZATION]->(o:Organization)
MATCH (x)<-[:RESULTED_IN]-(ai:AgendaItem)-[:ON_AGENDA_OF]->(mt:Meeting)
RETURN DISTINCT o.name AS body, m.role AS role, m.status AS status, x.text AS decision, toString(mt.date) AS decided_at,
       mt.meeting_id AS meeting_id, ai.number + ' ' + coalesce(ai.title, '') AS item, r.doc_id AS doc_id,
       r.line AS line, r.quote AS quote
ORDER BY decided_at, body, line
