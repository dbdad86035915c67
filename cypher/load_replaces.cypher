// Who took whose seat, with the line that says so (one relationship per document line).
// Rows: {membership_id, replaced_membership_id, line, quote}
UNWIND $rows AS r
MATCH (a:Membership {membership_id: r.membership_id})
MATCH (b:Membership {membership_id: r.replaced_membership_id})
MERGE (a)-[x:REPLACES {doc_id: $doc_id, line: r.line}]->(b)
SET x.quote = r.quote
RETURN count(*) AS written
