// Mentions and lines kept for review instead of guessed. Rows: {mention_id, name, reason, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MERGE (u:UnresolvedMention {mention_id: r.mention_id})
SET u.name = r.name, u.reason = r.reason, u.doc_id = $doc_id, u.line = r.line, u.quote = r.quote
MERGE (u)-[:FOUND_IN]->(d)
RETURN count(*) AS written
