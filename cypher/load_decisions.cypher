// Decisions recorded in minutes: an item's decision, a body's recommendation before it (body, date), or a
// decision the page shows without an item (then on the meeting, when there is one).
// Rows: {decision_id, agenda_item_id, meeting_id, text, outcome, body, date, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MERGE (x:Decision {decision_id: r.decision_id})
SET x.text = r.text, x.outcome = r.outcome, x.body = r.body,
    x.date = CASE WHEN r.date IS NULL THEN NULL ELSE date(r.date) END
WITH d, r, x
OPTIONAL MATCH (a:AgendaItem {agenda_item_id: r.agenda_item_id})
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (a)-[:RESULTED_IN]->(x))
WITH d, r, x, a
OPTIONAL MATCH (mt:Meeting {meeting_id: r.meeting_id})
FOREACH (_ IN CASE WHEN a IS NULL AND mt IS NOT NULL THEN [1] ELSE [] END | MERGE (x)-[:AT_MEETING]->(mt))
MERGE (x)-[e:EVIDENCED_BY {line: r.line}]->(d)
// Kept on the evidence too, for cypher/settle_decisions.cypher.
SET e.quote = r.quote, e.text = r.text, e.outcome = r.outcome, e.body = r.body
RETURN count(*) AS written
