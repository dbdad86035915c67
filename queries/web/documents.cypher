// name: documents
// question: Which document has an id starting with $prefix (path, kind, date, title, layout, lines, meetings)?
// param: prefix string "50a9a942d9d415cb" a doc_id prefix (sha256 hex, at least 8 characters)
// columns: doc_id, path, kind, date, title, layout, line_count, page_starts, meetings
// Read-only, for the web pages (graphbuild/web): the document page's URL carries the id's first digits.
MATCH (d:Document)
WHERE size($prefix) >= 8 AND d.doc_id STARTS WITH $prefix
RETURN d.doc_id AS doc_id, d.path AS path, d.kind AS kind, toString(d.date) AS date, d.title AS title,
       d.layout AS layout, d.line_count AS line_count, d.page_starts AS page_starts,
       COLLECT { MATCH (d)-[:DOCUMENTS]->(mt:Meeting) RETURN mt.meeting_id } AS meetings
ORDER BY path
LIMIT 2
