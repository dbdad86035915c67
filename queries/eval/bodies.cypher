// eval: the councils and bodies a document names: memberships, its meeting's council, agenda items concerning
// them, member municipalities, seats offered, named in the text.
MATCH (d:Document)
WHERE d.doc_id IN $doc_ids
CALL (d) {
  MATCH (ms:Membership)-[:EVIDENCED_BY]->(d) MATCH (ms)-[:IN_ORGANIZATION]->(o) RETURN o
  UNION
  MATCH (d)-[:DOCUMENTS]->(:Meeting)-[:ORGANIZED_BY]->(o) RETURN o
  UNION
  MATCH (:AgendaItem)-[c:CONCERNS]->(o:Organization) WHERE c.doc_id = d.doc_id RETURN o
  UNION
  MATCH (:Municipality)-[x:MEMBER_OF]->(o:Organization) WHERE x.doc_id = d.doc_id RETURN o
  UNION
  MATCH (:AgendaItem)-[x:ABOUT_SEAT]->(o:Organization) WHERE x.doc_id = d.doc_id RETURN o
  UNION
  MATCH (d)-[:NAMES]->(o:Organization) RETURN o
}
WITH d, o
WHERE o:Council OR o:Body
RETURN DISTINCT d.doc_id AS doc_id, o.org_id AS org_id, o.name AS name,
       [x IN [o.short_name] + coalesce(o.aliases, []) WHERE x IS NOT NULL] AS aliases,
       [l IN labels(o) WHERE l <> 'Organization'][0] AS label
