// For each file about to be ingested: is this exact content (sha256) already loaded,
// and which earlier version, if any, was loaded from the same path (it will be replaced)?
UNWIND $docs AS q
OPTIONAL MATCH (same:Document {doc_id: q.doc_id})
OPTIONAL MATCH (earlier:Document {path: q.path})
WHERE earlier.doc_id <> q.doc_id
RETURN q.doc_id AS doc_id, q.path AS path, same IS NOT NULL AS unchanged, earlier.doc_id AS previous_doc_id
