// A council, body or party of the reference lists that the document names, where first named.
// Rows: {ref_id (org_id), line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (o:Organization {org_id: r.ref_id})
MERGE (d)-[n:NAMES]->(o)
SET n.doc_id = $doc_id, n.line = r.line, n.quote = r.quote
RETURN count(*) AS written
