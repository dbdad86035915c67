// How a named member voted (for, against, abstained, reserved), with the line that says so.
// Rows: {vote_id, person_id, position, party, line, quote}
UNWIND $rows AS r
MATCH (v:Vote {vote_id: r.vote_id})
MATCH (p:Person {person_id: r.person_id})
MERGE (p)-[b:VOTED {doc_id: $doc_id, vote_id: r.vote_id}]->(v)
SET b.position = r.position, b.party = r.party, b.line = r.line, b.quote = r.quote
RETURN count(*) AS written
