// A municipality belongs to a body (e.g. a health cluster), as a table in the document says.
// Rows: {kommunekode, org_id, line, quote}
UNWIND $rows AS r
MATCH (mu:Municipality {kommunekode: r.kommunekode})
MATCH (o:Organization {org_id: r.org_id})
MERGE (mu)-[x:MEMBER_OF {doc_id: $doc_id}]->(o)
SET x.line = r.line, x.quote = r.quote
RETURN count(*) AS written
