// eval: agenda items evidenced by a document.
MATCH (i:AgendaItem)-[:EVIDENCED_BY]->(d:Document)
WHERE d.doc_id IN $doc_ids
RETURN DISTINCT d.doc_id AS doc_id, i.agenda_item_id AS agenda_item_id, i.number AS number, i.title AS title
