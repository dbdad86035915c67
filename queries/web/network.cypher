// name: network
// question: Which people and organizations surround person or body $id (seats held, and the other seats of those who share them)?
// param: id string "person:jacob-netteberg" a person_id or an org_id
// param: limit int? 60 how many person-organization links at most
// columns: person_id, person, org_id, organization, kind
// Read-only, for the web pages' network drawing (graphbuild/web/svg.py). Resigned seats and parties
// are left out: the links are the seats a person holds or held.
CALL () {
  MATCH (:Person {person_id: $id})-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
  WHERE NOT o:Party AND coalesce(m.status, '') <> 'resigned'
  RETURN DISTINCT o
  UNION
  MATCH (o:Organization {org_id: $id}) WHERE NOT o:Party
  RETURN o
}
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o)
WHERE coalesce(m.status, '') <> 'resigned'
WITH DISTINCT p, o
CALL (p) {
  MATCH (p)-[:HAS_MEMBERSHIP]->(m2:Membership)-[:IN_ORGANIZATION]->(o2:Organization)
  WHERE NOT o2:Party AND coalesce(m2.status, '') <> 'resigned'
  RETURN DISTINCT o2
}
RETURN DISTINCT p.person_id AS person_id, p.name AS person, o2.org_id AS org_id, o2.name AS organization,
       CASE WHEN o2:Council THEN 'council' ELSE 'body' END AS kind
ORDER BY person, organization
LIMIT $limit
