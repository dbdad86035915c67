// Settle shared decisions from all their evidence (see settle_agenda_items.cypher). Rows: {id}
UNWIND $rows AS r
MATCH (x:Decision {decision_id: r.id})
CALL (x) {
  MATCH (x)-[e:EVIDENCED_BY]->(d:Document)
  WITH e ORDER BY d.doc_id, e.line
  RETURN collect(e) AS evs
}
WITH x, [e IN evs WHERE e.text IS NOT NULL OR e.outcome IS NOT NULL] AS evs
WHERE size(evs) > 0
SET x.text = evs[0].text, x.outcome = evs[0].outcome, x.body = evs[0].body
RETURN count(*) AS written
