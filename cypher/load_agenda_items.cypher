// Agenda items of the meeting. Rows: {agenda_item_id, meeting_id, number, title, case_number, officer, recommendation, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (mt:Meeting {meeting_id: r.meeting_id})
MERGE (a:AgendaItem {agenda_item_id: r.agenda_item_id})
SET a.number = r.number, a.title = r.title,
    a.case_number = coalesce(r.case_number, a.case_number), a.officer = coalesce(r.officer, a.officer),
    a.recommendation = coalesce(r.recommendation, a.recommendation)
MERGE (a)-[:ON_AGENDA_OF]->(mt)
MERGE (a)-[e:EVIDENCED_BY {line: r.line}]->(d)
// What this document says about the item, kept on its own evidence: when documents disagree, the node's
// values are settled from all evidence (cypher/settle_agenda_items.cypher), whatever the loading order.
SET e.quote = r.quote, e.title = r.title, e.case_number = r.case_number, e.officer = r.officer,
    e.recommendation = r.recommendation
RETURN count(*) AS written
