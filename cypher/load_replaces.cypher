// Who took whose seat. Rows: {membership_id, replaced_membership_id}
UNWIND $rows AS r
MATCH (a:Membership {membership_id: r.membership_id})
MATCH (b:Membership {membership_id: r.replaced_membership_id})
MERGE (a)-[:REPLACES]->(b)
RETURN count(*) AS written
