// The meeting a document documents, organized by its council.
// Rows: {meeting_id, council_id, date (ISO text, stored as a DATE), time, location, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (c:Organization {org_id: r.council_id})
MERGE (m:Meeting {meeting_id: r.meeting_id})
SET m.date = date(r.date), m.time = coalesce(r.time, m.time), m.location = coalesce(r.location, m.location)
MERGE (m)-[:ORGANIZED_BY]->(c)
MERGE (d)-[e:DOCUMENTS]->(m)
SET e.line = r.line, e.quote = r.quote, e.time = r.time, e.location = r.location
RETURN count(*) AS written
