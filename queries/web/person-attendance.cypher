// name: person-attendance
// question: Which meetings did person $person_id attend or miss, as the attendance lists say?
// param: person_id string "person:jacob-netteberg" the person's id
// columns: meeting_id, date, council, status, role, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web). No row where a meeting recorded no attendance.
MATCH (p:Person {person_id: $person_id})-[a:ATTENDED]->(mt:Meeting)
OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
RETURN mt.meeting_id AS meeting_id, toString(mt.date) AS date, c.name AS council, a.status AS status,
       a.role AS role, a.doc_id AS doc_id, a.line AS line, a.quote AS quote
ORDER BY date DESC, council
