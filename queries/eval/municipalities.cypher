// eval: the municipalities a document names: represented by a member, concerned by an item, member of a body,
// named as a municipality in the text.
MATCH (d:Document)
WHERE d.doc_id IN $doc_ids
CALL (d) {
  MATCH (:Membership)-[x:REPRESENTS]->(mu:Municipality) WHERE x.doc_id = d.doc_id RETURN mu
  UNION
  MATCH (:AgendaItem)-[c:CONCERNS]->(mu:Municipality) WHERE c.doc_id = d.doc_id RETURN mu
  UNION
  MATCH (mu:Municipality)-[x:MEMBER_OF]->(:Organization) WHERE x.doc_id = d.doc_id RETURN mu
  UNION
  MATCH (d)-[:NAMES]->(mu:Municipality) RETURN mu
}
RETURN DISTINCT d.doc_id AS doc_id, mu.kommunekode AS kommunekode, mu.name AS name,
       [x IN [mu.short_name] + coalesce(mu.aliases, []) WHERE x IS NOT NULL] AS aliases
