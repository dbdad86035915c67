// Memberships (Popolo): person, organization, role, status; one EVIDENCED_BY per supporting line.
// Rows: {membership_id, person_id, org_id, role, status, date, line, quote, agenda_item_id}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (p:Person {person_id: r.person_id})
MATCH (o:Organization {org_id: r.org_id})
MERGE (m:Membership {membership_id: r.membership_id})
SET m.role = r.role, m.status = r.status,
    m.start_date = CASE WHEN r.status IN ['member', 'appointed', 'reports_from'] AND r.date IS NOT NULL
                         AND (m.start_date IS NULL OR r.date < m.start_date) THEN r.date ELSE m.start_date END,
    m.end_date = CASE WHEN r.status = 'resigned' AND r.date IS NOT NULL
                       AND (m.end_date IS NULL OR r.date > m.end_date) THEN r.date ELSE m.end_date END
MERGE (p)-[:HAS_MEMBERSHIP]->(m)
MERGE (m)-[:IN_ORGANIZATION]->(o)
MERGE (m)-[e:EVIDENCED_BY {line: r.line}]->(d)
SET e.quote = r.quote, e.date = r.date, e.agenda_item_id = r.agenda_item_id
RETURN count(*) AS written
