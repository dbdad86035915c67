// name: meeting-attendance
// question: Who attended meeting $meeting_id, who was absent, who stood in for whom?
// param: meeting_id string "council:kkr-hovedstaden:2020-06-19" the meeting's id
// columns: person_id, person, status, role, stood_in_for, items, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web).
MATCH (p:Person)-[a:ATTENDED]->(:Meeting {meeting_id: $meeting_id})
OPTIONAL MATCH (s:Person {person_id: a.stood_in_for})
RETURN p.person_id AS person_id, p.name AS person, a.status AS status, a.role AS role, s.name AS stood_in_for,
       a.items AS items, a.doc_id AS doc_id, a.line AS line, a.quote AS quote
ORDER BY status DESC, person
