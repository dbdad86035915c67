// name: body-appointments
// question: What is the appointment history of body $body: who was appointed, who resigned, who replaced whom, on behalf of which party?
// param: body string "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden" name, short name, alias or org_id, case-insensitive (a part of the name works when nothing matches exactly)
// columns: body, date, person, role, status, party, municipality, replaces, decision, decided_at, agenda_item, doc, line, quote
// One row per membership and supporting line, oldest first.
CALL () {
  WITH toLower(trim($body)) AS q
  MATCH (o:Organization)
  WHERE NOT o:Party AND (toLower(o.org_id) = q OR toLower(o.name) = q OR toLower(coalesce(o.short_name, '')) = q
        OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) = q))
  RETURN collect(o) AS exact
}
CALL (exact) {
  // Only when nothing matches exactly.
  WITH toLower(trim($body)) AS q WHERE size(exact) = 0
  MATCH (o:Organization)
  WHERE NOT o:Party AND size(q) >= 3 AND (toLower(o.name) CONTAINS q OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(o) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS o
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o)
// The optional parts once per membership, each on its own (no cross product of the optional rows).
WITH o, p, m,
     COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(party:Party)
               RETURN DISTINCT coalesce(party.name, party.letter) + CASE WHEN party.letter IS NOT NULL AND party.name <> party.letter THEN ' (' + party.letter + ')' ELSE '' END } AS parties,
     COLLECT { MATCH (m)-[:REPRESENTS]->(mu:Municipality) RETURN DISTINCT mu.name } AS munis,
     COLLECT { MATCH (m)-[:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(gone:Person) RETURN DISTINCT gone.name } AS replaced
CALL (m) {
  OPTIONAL MATCH (x:Decision)-[:APPOINTS]->(m)
  OPTIONAL MATCH (x)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
  RETURN collect(DISTINCT x.text)[0] AS decision, collect(DISTINCT xm.date)[0] AS decided_at
}
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
OPTIONAL MATCH (ai:AgendaItem {agenda_item_id: e.agenda_item_id})
RETURN o.name AS body, coalesce(e.date, m.start_date, m.end_date) AS date, p.name AS person, m.role AS role, m.status AS status,
       CASE WHEN size(parties) = 0 THEN null ELSE reduce(s = head(parties), x IN tail(parties) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       decision, decided_at, CASE WHEN ai IS NULL THEN null ELSE ai.number + ' ' + ai.title END AS agenda_item,
       d.path AS doc, e.line AS line, e.quote AS quote
ORDER BY body, coalesce(date, '9999'), line, person
