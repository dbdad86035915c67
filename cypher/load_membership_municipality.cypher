// The municipality a membership represents. Rows: {membership_id, kommunekode}
UNWIND $rows AS r
MATCH (m:Membership {membership_id: r.membership_id})
MATCH (a:Municipality {kommunekode: r.kommunekode})
MERGE (m)-[:REPRESENTS]->(a)
RETURN count(*) AS written
