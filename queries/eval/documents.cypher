// eval: the documents of the corpus that are in the graph (accepted).
MATCH (d:Document)
WHERE d.doc_id IN $doc_ids
RETURN d.doc_id AS doc_id, d.path AS path, d.kind AS kind, d.title AS title
