// Settle shared agenda items from all their evidence, so that the loading order (and a document
// replaced or retracted since) does not decide what a node says: the values of the evidence of the
// smallest doc_id (then line) win; optional values come from the first evidence that has one.
// Rows: {id}. (Evidence written before these values were kept on it leaves the node as it is.)
UNWIND $rows AS r
MATCH (a:AgendaItem {agenda_item_id: r.id})
CALL (a) {
  MATCH (a)-[e:EVIDENCED_BY]->(d:Document)
  WITH e ORDER BY d.doc_id, e.line
  RETURN collect(e) AS evs
}
SET a.title = coalesce(head([e IN evs WHERE e.title IS NOT NULL | e.title]), a.title),
    a.case_number = CASE WHEN any(e IN evs WHERE e.title IS NOT NULL)
                         THEN head([e IN evs WHERE e.case_number IS NOT NULL | e.case_number]) ELSE a.case_number END,
    a.officer = CASE WHEN any(e IN evs WHERE e.title IS NOT NULL)
                     THEN head([e IN evs WHERE e.officer IS NOT NULL | e.officer]) ELSE a.officer END,
    a.recommendation = CASE WHEN any(e IN evs WHERE e.title IS NOT NULL)
                            THEN head([e IN evs WHERE e.recommendation IS NOT NULL | e.recommendation])
                            ELSE a.recommendation END
RETURN count(*) AS written
