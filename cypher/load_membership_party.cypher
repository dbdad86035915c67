// The party on whose behalf a membership is held, as a document line states it.
// Rows: {membership_id, party_id, line, quote}
UNWIND $rows AS r
MATCH (m:Membership {membership_id: r.membership_id})
MATCH (p:Organization:Party {org_id: r.party_id})
MERGE (m)-[b:ON_BEHALF_OF {doc_id: $doc_id, line: r.line}]->(p)
SET b.quote = r.quote
RETURN count(*) AS written
