// Decisions recorded in minutes. Rows: {decision_id, agenda_item_id, text, outcome, line, quote}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MATCH (a:AgendaItem {agenda_item_id: r.agenda_item_id})
MERGE (x:Decision {decision_id: r.decision_id})
SET x.text = r.text, x.outcome = r.outcome
MERGE (a)-[:RESULTED_IN]->(x)
MERGE (x)-[e:EVIDENCED_BY {line: r.line}]->(d)
// Kept on the evidence too, for cypher/settle_decisions.cypher.
SET e.quote = r.quote, e.text = r.text, e.outcome = r.outcome
RETURN count(*) AS written
