// name: municipality-seat-changes
// question: Which seat changes (appointments, resignations, replacements) concern members representing municipality $kommunekode, newest first?
// param: kommunekode string "230" the municipality's kommunekode
// param: limit int? 100 how many entries
// columns: date, person_id, person, body_id, body, role, status, party, replaces, doc_id, line, quote
// Read-only, for the web pages' Atom feed of a municipality (graphbuild/web/feeds.py): one row per line
// stating a change of seat (appointed, resigned, nominated, proposed, or replacing someone) of someone
// representing the municipality.
MATCH (:Municipality {kommunekode: $kommunekode})<-[:REPRESENTS]-(m:Membership)
WITH DISTINCT m
WHERE m.status IN ['appointed', 'resigned', 'nominated', 'proposed'] OR EXISTS { (m)-[:REPLACES]->() }
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m)-[:IN_ORGANIZATION]->(o:Organization)
WHERE NOT o:Party
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
RETURN toString(coalesce(e.date, m.start_date)) AS date, p.person_id AS person_id, p.name AS person,
       o.org_id AS body_id, o.name AS body, m.role AS role, m.status AS status,
       COLLECT { MATCH (m)-[r:ON_BEHALF_OF]->(x:Party) WHERE r.doc_id = d.doc_id AND r.line = e.line
                 RETURN DISTINCT x.letter } AS party,
       COLLECT { MATCH (m)-[r:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(g:Person)
                 WHERE r.doc_id = d.doc_id AND r.line = e.line RETURN DISTINCT g.name } AS replaces,
       d.doc_id AS doc_id, e.line AS line, e.quote AS quote
ORDER BY date DESC, line
LIMIT $limit
