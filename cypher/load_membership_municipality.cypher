// The municipality a membership represents, as a document line states it.
// Rows: {membership_id, kommunekode, line, quote}
UNWIND $rows AS r
MATCH (m:Membership {membership_id: r.membership_id})
MATCH (a:Municipality {kommunekode: r.kommunekode})
MERGE (m)-[x:REPRESENTS {doc_id: $doc_id, line: r.line}]->(a)
SET x.quote = r.quote
RETURN count(*) AS written
