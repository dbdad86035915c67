// Agenda item mentions a region. Rows: {agenda_item_id, target, line, quote}
UNWIND $rows AS r
MATCH (a:AgendaItem {agenda_item_id: r.agenda_item_id})
MATCH (t:Region {regionskode: r.target})
MERGE (a)-[c:CONCERNS {doc_id: $doc_id}]->(t)
SET c.line = r.line, c.quote = r.quote
RETURN count(*) AS written
