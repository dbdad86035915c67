// name: meetings-of
// question: Which meetings did the councils or bodies $org_ids hold (newest first)?
// param: org_ids list "council:kkr-hovedstaden" org_id values
// param: limit int? 200 how many meetings, the newest
// columns: meeting_id, date, council, items, documents
// Read-only, for the web pages (graphbuild/web).
MATCH (mt:Meeting)-[:ORGANIZED_BY]->(c:Organization)
WHERE c.org_id IN $org_ids
RETURN mt.meeting_id AS meeting_id, toString(mt.date) AS date, c.name AS council,
       COUNT { (:AgendaItem)-[:ON_AGENDA_OF]->(mt) } AS items,
       COUNT { (:Document)-[:DOCUMENTS]->(mt) } AS documents
ORDER BY date DESC, council
LIMIT $limit
