// eval: the regions a document names (agenda items concerning them, named as "Region X" in the text); a gold
// body "Region X" matches these.
MATCH (d:Document)
WHERE d.doc_id IN $doc_ids
CALL (d) {
  MATCH (:AgendaItem)-[c:CONCERNS]->(r:Region) WHERE c.doc_id = d.doc_id RETURN r
  UNION
  MATCH (d)-[:NAMES]->(r:Region) RETURN r
}
RETURN DISTINCT d.doc_id AS doc_id, r.regionskode AS regionskode, r.name AS name,
       [x IN [r.short_name] + coalesce(r.aliases, []) WHERE x IS NOT NULL] AS aliases
