// eval: meetings a document documents, with the council's names.
MATCH (d:Document)-[:DOCUMENTS]->(m:Meeting)
WHERE d.doc_id IN $doc_ids
OPTIONAL MATCH (m)-[:ORGANIZED_BY]->(c:Organization)
RETURN d.doc_id AS doc_id, m.meeting_id AS meeting_id, toString(m.date) AS date, m.location AS location,
       c.name AS council, [x IN [c.short_name] + coalesce(c.aliases, []) WHERE x IS NOT NULL] AS council_aliases
