// name: seats-of-person
// question: Which seats has person $person held over time (role, status, party, appointing decision, source quotes)?
// param: person string "Jacob Netteberg" name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// columns: person, body, role, status, party, municipality, date, start_date, end_date, replaces, replaced_by, decision, decided_at, doc, line, quote
// One row per piece of evidence, oldest first.
CALL () {
  WITH toLower(trim($person)) AS q
  MATCH (p:Person)
  WHERE toLower(p.name) = q OR any(a IN coalesce(p.aliases, []) WHERE toLower(a) = q)
  RETURN collect(p) AS exact
}
CALL () {
  WITH toLower(trim($person)) AS q
  MATCH (p:Person)
  WHERE size(q) >= 3 AND (toLower(p.name) CONTAINS q OR any(a IN coalesce(p.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(p) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS p
MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
OPTIONAL MATCH (m)-[:ON_BEHALF_OF]->(party:Party)
OPTIONAL MATCH (m)-[:REPRESENTS]->(mu:Municipality)
OPTIONAL MATCH (m)-[:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(gone:Person)
OPTIONAL MATCH (m)<-[:REPLACES]-(:Membership)<-[:HAS_MEMBERSHIP]-(next:Person)
OPTIONAL MATCH (x:Decision)-[:APPOINTS]->(m)
OPTIONAL MATCH (x)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
WITH p, m, o, collect(DISTINCT party.letter) AS letters, collect(DISTINCT mu.name) AS munis,
     collect(DISTINCT gone.name) AS replaced, collect(DISTINCT next.name) AS successors,
     collect(DISTINCT x.text)[0] AS decision, collect(DISTINCT xm.date)[0] AS decided_at
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
RETURN p.name AS person, o.name AS body, m.role AS role, m.status AS status,
       CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       e.date AS date, m.start_date AS start_date, m.end_date AS end_date,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       CASE WHEN size(successors) = 0 THEN null ELSE reduce(s = head(successors), x IN tail(successors) | s + '; ' + x) END AS replaced_by,
       decision, decided_at, d.path AS doc, e.line AS line, e.quote AS quote
ORDER BY person, coalesce(e.date, '9999'), body, e.line
