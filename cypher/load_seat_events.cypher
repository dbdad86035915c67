// What an agenda item says about a seat in a body when no person holds it (yet): offered to a
// party, declined, vacant, or another council invited to nominate.
// Rows: {agenda_item_id, org_id, status, party, invited_id, line, quote}
UNWIND $rows AS r
MATCH (a:AgendaItem {agenda_item_id: r.agenda_item_id})
MATCH (o:Organization {org_id: r.org_id})
MERGE (a)-[s:ABOUT_SEAT {doc_id: $doc_id, line: r.line, status: r.status, party: coalesce(r.party, '')}]->(o)
SET s.quote = r.quote, s.invited_id = r.invited_id
RETURN count(*) AS written
