// eval: mentions a document left for review (shown by --why, not scored).
MATCH (u:UnresolvedMention)-[:FOUND_IN]->(d:Document)
WHERE d.doc_id IN $doc_ids
RETURN d.doc_id AS doc_id, u.name AS name, u.reason AS reason, u.line AS line
