// name: documents
// question: Which documents were loaded from the paths $paths, or have an id starting with one of $prefixes?
// param: paths list "data/samples/kkr-hovedstaden-referat-2020-06-19.txt" file paths as the reports give them
// param: prefixes list "3f2a" doc_id prefixes (sha256 hex, at least 8 characters)
// columns: doc_id, path, kind, date, title, layout, line_count, page_starts, meetings
// Read-only, for the web pages (graphbuild/web): a report row names its document by path; the pages link
// to the document by id.
MATCH (d:Document)
WHERE d.path IN $paths OR any(x IN $prefixes WHERE size(x) >= 8 AND d.doc_id STARTS WITH x)
RETURN d.doc_id AS doc_id, d.path AS path, d.kind AS kind, toString(d.date) AS date, d.title AS title,
       d.layout AS layout, d.line_count AS line_count, d.page_starts AS page_starts,
       COLLECT { MATCH (d)-[:DOCUMENTS]->(mt:Meeting) RETURN mt.meeting_id } AS meetings
ORDER BY path
