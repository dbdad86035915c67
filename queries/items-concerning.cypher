// name: items-concerning
// question: Which agenda items concern body, council or municipality $name (newest first)?
// param: name string "Wonderful Copenhagen" organization or municipality: name, short name, alias or id, case-insensitive ("WOCO", "Rudersdal" work)
// columns: date, council, number, title, concerns, decision, doc, line, quote
// decision: its first 300 characters, ending in … when cut (meeting-decisions gives the whole text).
CALL () {
  WITH toLower(trim($name)) AS q
  MATCH (t)
  WHERE (t:Organization OR t:Municipality) AND (
        toLower(coalesce(t.org_id, t.kommunekode)) = q OR toLower(t.name) = q
        OR toLower(coalesce(t.short_name, '')) = q OR any(a IN coalesce(t.aliases, []) WHERE toLower(a) = q)
        OR (t:Municipality AND (toLower(t.name) = q + ' kommune' OR toLower(t.name) = q + 's kommune')))
  RETURN collect(t) AS exact
}
CALL () {
  WITH toLower(trim($name)) AS q
  MATCH (t)
  WHERE (t:Organization OR t:Municipality) AND size(q) >= 3
        AND (toLower(t.name) CONTAINS q OR any(a IN coalesce(t.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(t) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS t
MATCH (a:AgendaItem)-[r:CONCERNS]->(t)
MATCH (a)-[:ON_AGENDA_OF]->(mt:Meeting)
OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
OPTIONAL MATCH (a)-[:RESULTED_IN]->(x:Decision)
OPTIONAL MATCH (d:Document {doc_id: r.doc_id})
RETURN toString(mt.date) AS date, c.name AS council, a.number AS number, a.title AS title, t.name AS concerns,
       CASE WHEN size(x.text) > 300 THEN left(x.text, 299) + '…' ELSE x.text END AS decision, d.path AS doc, r.line AS line, r.quote AS quote
ORDER BY date DESC, [n IN split(number, '.') | coalesce(toInteger(n), 0)], line
