// eval: the regions a document names (agenda items concerning them); a gold body "Region X" matches these.
MATCH (:AgendaItem)-[c:CONCERNS]->(r:Region)
WHERE c.doc_id IN $doc_ids
RETURN DISTINCT c.doc_id AS doc_id, r.regionskode AS regionskode, r.name AS name,
       [x IN [r.short_name] + coalesce(r.aliases, []) WHERE x IS NOT NULL] AS aliases
