// Organisations no reference list knows, recognised by their form ("Næstved Varmeværk", "Aalborg Vand A/S",
// "Økonomiudvalget" of one municipality): a Body with source 'extracted' and a review status, never a curated
// body; the document NAMES it on the line where first named. A name already reviewed keeps its status.
// Rows: {org_id, name, classification, status, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MERGE (o:Organization {org_id: r.org_id})
ON CREATE SET o.name = r.name, o.classification = r.classification, o.source = 'extracted', o.status = r.status
SET o:Body
MERGE (d)-[n:NAMES]->(o)
SET n.doc_id = $doc_id, n.line = r.line, n.quote = r.quote
RETURN count(*) AS written
