// eval: the decisions a document states, with the agenda item they settle (when the page has one), the body that
// decided or recommended and its meeting's date (a recommendation chain).
MATCH (x:Decision)-[e:EVIDENCED_BY]->(d:Document)
WHERE d.doc_id IN $doc_ids
OPTIONAL MATCH (a:AgendaItem)-[:RESULTED_IN]->(x)
RETURN DISTINCT d.doc_id AS doc_id, x.decision_id AS decision_id, a.number AS item, x.outcome AS outcome,
       x.body AS body, toString(x.date) AS date, e.line AS line
ORDER BY doc_id, line
