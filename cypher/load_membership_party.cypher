// The party on whose behalf a membership is held. Rows: {membership_id, party_id}
UNWIND $rows AS r
MATCH (m:Membership {membership_id: r.membership_id})
MATCH (p:Organization:Party {org_id: r.party_id})
MERGE (m)-[:ON_BEHALF_OF]->(p)
RETURN count(*) AS written
