// The document itself. Rows: {doc_id, path, kind, title, layout, encoding, line_count}
UNWIND $rows AS r
MERGE (d:Document {doc_id: r.doc_id})
SET d.path = r.path, d.kind = r.kind, d.title = r.title, d.layout = r.layout,
    d.encoding = r.encoding, d.line_count = r.line_count
RETURN count(*) AS written
