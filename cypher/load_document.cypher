// The document itself. Rows: {doc_id, path, kind, title, date, layout, encoding, line_count, page_starts}
// kind: dagsorden | referat | bilag | meeting | members | news | other; date: the meeting's date (meeting
// documents) or the publication date (news), a DATE; page_starts (PDF): the line where each page starts, so
// that any fact's line gives its page and line on the page.
UNWIND $rows AS r
MERGE (d:Document {doc_id: r.doc_id})
SET d.path = r.path, d.kind = r.kind, d.title = r.title, d.layout = r.layout,
    d.encoding = r.encoding, d.line_count = r.line_count,
    d.date = CASE WHEN r.date IS NULL THEN null ELSE date(r.date) END, d.page_starts = r.page_starts
RETURN count(*) AS written
