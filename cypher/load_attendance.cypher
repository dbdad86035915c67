// Who was present or sent apologies; the relationship carries its own provenance.
// Rows: {person_id, meeting_id, status, role, line, quote}
UNWIND $rows AS r
MATCH (p:Person {person_id: r.person_id})
MATCH (m:Meeting {meeting_id: r.meeting_id})
MERGE (p)-[a:ATTENDED {doc_id: $doc_id}]->(m)
SET a.status = r.status, a.role = r.role, a.line = r.line, a.quote = r.quote
RETURN count(*) AS written
