// Every person the document names, on the line that names them (a member page, a news item, a participant
// list: whatever else is known about them hangs on memberships and attendance).
// Rows: {person_id, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (p:Person {person_id: r.person_id})
MERGE (p)-[m:MENTIONED_IN {line: r.line}]->(d)
SET m.doc_id = $doc_id, m.quote = r.quote
RETURN count(*) AS written
