// eval: the people a document names: attendance, memberships, agenda items concerning them, mentions.
MATCH (d:Document)
WHERE d.doc_id IN $doc_ids
CALL (d) {
  MATCH (p:Person)-[a:ATTENDED]->(:Meeting) WHERE a.doc_id = d.doc_id RETURN p
  UNION
  MATCH (p:Person)-[:HAS_MEMBERSHIP]->(:Membership)-[:EVIDENCED_BY]->(d) RETURN p
  UNION
  MATCH (:AgendaItem)-[c:CONCERNS]->(p:Person) WHERE c.doc_id = d.doc_id RETURN p
  UNION
  MATCH (p:Person)-[:MENTIONED_IN]->(d) RETURN p
}
RETURN DISTINCT d.doc_id AS doc_id, p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases
