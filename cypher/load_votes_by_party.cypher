// How a party voted (for, against, abstained, reserved): the party as written and the line that says so.
// Rows: {vote_id, org_id, position, party, line, quote}
UNWIND $rows AS r
MATCH (v:Vote {vote_id: r.vote_id})
MATCH (p:Organization {org_id: r.org_id})
MERGE (p)-[b:VOTED {doc_id: $doc_id, vote_id: r.vote_id, position: r.position}]->(v)
SET b.party = r.party, b.line = r.line, b.quote = r.quote
RETURN count(*) AS written
