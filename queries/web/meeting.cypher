// name: meeting
// question: Which meeting has the id $meeting_id (council, date, time, place, documents)?
// param: meeting_id string "council:kkr-hovedstaden:2020-06-19" the meeting's id
// columns: meeting_id, date, time, location, council_id, council, documents
// Read-only, for the web pages (graphbuild/web).
MATCH (mt:Meeting {meeting_id: $meeting_id})
OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
RETURN mt.meeting_id AS meeting_id, toString(mt.date) AS date, mt.time AS time, mt.location AS location,
       c.org_id AS council_id, c.name AS council,
       COLLECT { MATCH (d:Document)-[r:DOCUMENTS]->(mt)
                 RETURN {doc_id: d.doc_id, path: d.path, kind: d.kind, line: r.line, quote: r.quote} } AS documents
