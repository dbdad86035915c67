// Memberships (Popolo): person, organization, role, status; one EVIDENCED_BY per supporting line.
// Rows: {membership_id, person_id, org_id, role, status, date (the document's meeting date, ISO text, stored as
// a DATE on the line's EVIDENCED_BY), line, quote, agenda_item_id}. start_date, end_date, as_of and end_basis
// are worked out after the document's rows, by membership_bounds.cypher.
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (p:Person {person_id: r.person_id})
MATCH (o:Organization {org_id: r.org_id})
MERGE (m:Membership {membership_id: r.membership_id})
SET m.role = r.role, m.status = r.status
MERGE (p)-[:HAS_MEMBERSHIP]->(m)
MERGE (m)-[:IN_ORGANIZATION]->(o)
MERGE (m)-[e:EVIDENCED_BY {line: r.line}]->(d)
SET e.quote = r.quote, e.date = date(r.date), e.agenda_item_id = r.agenda_item_id
RETURN count(*) AS written
