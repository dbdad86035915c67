// The decision that settled an appointment or resignation, with the line that states the membership.
// Rows: {decision_id, membership_id, line, quote}
UNWIND $rows AS r
MATCH (x:Decision {decision_id: r.decision_id})
MATCH (m:Membership {membership_id: r.membership_id})
MERGE (x)-[a:APPOINTS {doc_id: $doc_id, line: r.line}]->(m)
SET a.quote = r.quote
RETURN count(*) AS written
