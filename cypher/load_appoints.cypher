// The decision that settled an appointment or resignation. Rows: {decision_id, membership_id}
UNWIND $rows AS r
MATCH (x:Decision {decision_id: r.decision_id})
MATCH (m:Membership {membership_id: r.membership_id})
MERGE (x)-[:APPOINTS]->(m)
RETURN count(*) AS written
