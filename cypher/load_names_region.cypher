// A region the document names as an authority ("Region Syddanmark"), where first named.
// Rows: {ref_id (regionskode), line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (g:Region {regionskode: r.ref_id})
MERGE (d)-[n:NAMES]->(g)
SET n.doc_id = $doc_id, n.line = r.line, n.quote = r.quote
RETURN count(*) AS written
