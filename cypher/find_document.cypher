// Is this exact document (same sha256) already loaded, and did an earlier version live at the same path?
MATCH (d:Document)
WHERE d.doc_id = $doc_id OR d.path = $path
RETURN d.doc_id AS doc_id, d.path AS path
