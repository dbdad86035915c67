// name: seats-of-person
// question: Which seats has person $person held over time (role, status, party, appointing decision, source quotes)?
// param: person string "Jacob Netteberg" name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// columns: person, body, role, status, party, municipality, date, start_date, end_date, replaces, replaced_by, decision, decided_at, doc, line, quote
// One row per piece of evidence, oldest first; replaces, replaced_by and decision are those the
// row's own line states.
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
MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
// Party, municipality, replaced / replacing person and decision as stated on this row's line (a
// membership gathers lines from many documents); party and municipality fall back to what other
// lines state for the same membership when this line names none.
WITH p, m, o, e, d,
     COLLECT { MATCH (m)-[r:ON_BEHALF_OF]->(party:Party) WHERE r.doc_id = d.doc_id AND r.line = e.line
               RETURN DISTINCT party.letter } AS letters_here,
     COLLECT { MATCH (m)-[r:REPRESENTS]->(mu:Municipality) WHERE r.doc_id = d.doc_id AND r.line = e.line
               RETURN DISTINCT mu.name } AS munis_here,
     COLLECT { MATCH (m)-[r:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(gone:Person)
               WHERE r.doc_id = d.doc_id AND r.line = e.line RETURN DISTINCT gone.name } AS replaced,
     COLLECT { MATCH (m)<-[r:REPLACES]-(:Membership)<-[:HAS_MEMBERSHIP]-(next:Person)
               WHERE r.doc_id = d.doc_id AND r.line = e.line RETURN DISTINCT next.name } AS successors
WITH p, m, o, e, d, replaced, successors,
     CASE WHEN size(letters_here) > 0 THEN letters_here
          ELSE COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(party:Party) RETURN DISTINCT party.letter } END AS letters,
     CASE WHEN size(munis_here) > 0 THEN munis_here
          ELSE COLLECT { MATCH (m)-[:REPRESENTS]->(mu:Municipality) RETURN DISTINCT mu.name } END AS munis
CALL (m, e, d) {
  OPTIONAL MATCH (x:Decision)-[r:APPOINTS]->(m)
  WHERE r.doc_id = d.doc_id AND r.line = e.line
  OPTIONAL MATCH (x)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
  RETURN x.text AS decision, xm.date AS decided_at
  ORDER BY decided_at LIMIT 1
}
RETURN p.name AS person, o.name AS body, m.role AS role, m.status AS status,
       CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       e.date AS date, m.start_date AS start_date, m.end_date AS end_date,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       CASE WHEN size(successors) = 0 THEN null ELSE reduce(s = head(successors), x IN tail(successors) | s + '; ' + x) END AS replaced_by,
       decision, decided_at, d.path AS doc, e.line AS line, e.quote AS quote
ORDER BY person, coalesce(e.date, '9999'), body, e.line
