// Before a retraction: the shared nodes whose values document $doc_id may have set, to be settled
// again from the evidence that remains (cypher/settle_*.cypher).
MATCH (d:Document {doc_id: $doc_id})
RETURN COLLECT { MATCH (a:AgendaItem)-[:EVIDENCED_BY]->(d) RETURN DISTINCT a.agenda_item_id } AS agenda_items,
       COLLECT { MATCH (x:Decision)-[:EVIDENCED_BY]->(d) RETURN DISTINCT x.decision_id } AS decisions,
       COLLECT { MATCH (d)-[:DOCUMENTS]->(m:Meeting) RETURN DISTINCT m.meeting_id } AS meetings
