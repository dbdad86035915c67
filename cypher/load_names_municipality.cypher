// A municipality the document names as such ("Odsherred Kommune"), where first named.
// Rows: {ref_id (kommunekode), line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (m:Municipality {kommunekode: r.ref_id})
MERGE (d)-[n:NAMES]->(m)
SET n.doc_id = $doc_id, n.line = r.line, n.quote = r.quote
RETURN count(*) AS written
