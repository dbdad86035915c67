// name: body-appointments
// question: What is the appointment history of body $body: who was appointed, who resigned, who replaced whom, on behalf of which party?
// param: body string "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden" name, short name, alias or org_id, case-insensitive (a part of the name works when nothing matches exactly)
// columns: body, date, person, role, status, party, municipality, replaces, decision, decided_at, agenda_item, doc, line, quote
// One row per membership and supporting line, oldest first; party, municipality, replaces and
// decision are those the row's own line states (party and municipality: else the membership's).
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
// Party, municipality and replaced person as stated on each row's line (a membership gathers lines
// from many documents and appointments); party and municipality fall back to what other lines state
// for the same membership when this line names none. Each membership's lines are read once.
WITH o, p, m,
     COLLECT { MATCH (m)-[r:ON_BEHALF_OF]->(x:Party)
               RETURN {doc: r.doc_id, line: r.line, name: coalesce(x.name, x.letter)
                       + CASE WHEN x.letter IS NOT NULL AND x.name <> x.letter THEN ' (' + x.letter + ')' ELSE '' END} } AS party_lines,
     COLLECT { MATCH (m)-[r:REPRESENTS]->(x:Municipality) RETURN {doc: r.doc_id, line: r.line, name: x.name} } AS muni_lines,
     COLLECT { MATCH (m)-[r:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(gone:Person)
               RETURN {doc: r.doc_id, line: r.line, name: gone.name} } AS replaced_lines
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
WITH o, p, m, e, d, party_lines, muni_lines,
     [x IN party_lines WHERE x.doc = d.doc_id AND x.line = e.line | x.name] AS parties_here,
     [x IN muni_lines WHERE x.doc = d.doc_id AND x.line = e.line | x.name] AS munis_here,
     reduce(acc = [], x IN [y IN replaced_lines WHERE y.doc = d.doc_id AND y.line = e.line | y.name] |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS replaced
WITH o, p, m, e, d, replaced,
     reduce(acc = [], x IN CASE WHEN size(parties_here) > 0 THEN parties_here ELSE [y IN party_lines | y.name] END |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS parties,
     reduce(acc = [], x IN CASE WHEN size(munis_here) > 0 THEN munis_here ELSE [y IN muni_lines | y.name] END |
            CASE WHEN x IN acc THEN acc ELSE acc + x END) AS munis
CALL (m, e, d) {
  OPTIONAL MATCH (x:Decision)-[r:APPOINTS]->(m)
  WHERE r.doc_id = d.doc_id AND r.line = e.line
  OPTIONAL MATCH (x)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
  RETURN x.text AS decision, xm.date AS decided_at
  ORDER BY decided_at LIMIT 1
}
OPTIONAL MATCH (ai:AgendaItem {agenda_item_id: e.agenda_item_id})
RETURN o.name AS body, coalesce(e.date, m.start_date, m.end_date) AS date, p.name AS person, m.role AS role, m.status AS status,
       CASE WHEN size(parties) = 0 THEN null ELSE reduce(s = head(parties), x IN tail(parties) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       decision, decided_at, CASE WHEN ai IS NULL THEN null ELSE ai.number + ' ' + ai.title END AS agenda_item,
       d.path AS doc, e.line AS line, e.quote AS quote
ORDER BY body, coalesce(date, '9999'), line, person
