// Who was present or sent apologies; the relationship carries its own provenance.
// A substitute records the member they stood in for (stood_in_for: person_id); items: absent for those cases only.
// Rows: {person_id, meeting_id, status, role, stood_in_for, items, line, quote}
UNWIND $rows AS r
MATCH (p:Person {person_id: r.person_id})
MATCH (m:Meeting {meeting_id: r.meeting_id})
MERGE (p)-[a:ATTENDED {doc_id: $doc_id}]->(m)
SET a.status = r.status, a.role = r.role, a.stood_in_for = r.stood_in_for, a.items = r.items, a.line = r.line,
    a.quote = r.quote
RETURN count(*) AS written
