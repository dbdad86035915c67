// name: seats-of-person
// question: Which seats has person $person held over time (role, status, party, appointing decision, source quotes)?
// param: person string "Jacob Netteberg" name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// param: date date? null only the seats valid at this date, YYYY-MM-DD (default: every seat)
// columns: person, body, role, status, party, municipality, date, start_date, end_date, as_of, end_basis, replaces, replaced_by, decision, decided_at, sources, doc, line, quote
// One row per fact, oldest first: a membership with what its lines state (replaces, replaced_by and
// decision as the lines state them); lines stating the same are one row, every line in sources ("path:line",
// the first also as doc, line, quote). decision: only an appointment item's decision or one naming the person.
// start_date / end_date: when the seat began and ended (end_basis: resigned, not on the member list, term
// ended); end_date empty: not known to have ended, as_of is the last date a document states it.
// With date: only seats (not resignations or proposals) valid at that date.
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
WHERE $date IS NULL OR (coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
      AND (m.start_date IS NULL OR m.start_date <= date($date)) AND (m.end_date IS NULL OR date($date) < m.end_date))
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
WITH p, m, o, e, d, letters, munis, replaced, successors, decision, decided_at
ORDER BY coalesce(e.date, m.start_date, m.end_date), d.path, e.line
WITH p, m, o, letters, munis, replaced, successors, decision, decided_at,
     collect({date: coalesce(e.date, m.start_date, m.end_date), doc: d.path, line: e.line, quote: e.quote}) AS evs
WITH p, m, o, letters, munis, replaced, successors, decision, decided_at, evs, head(evs) AS first
WITH p, o, collect({m: m, letters: letters, munis: munis, replaced: replaced, successors: successors,
                    decision: decision, decided_at: decided_at, first: first,
                    sources: [x IN evs | x.doc + ':' + toString(x.line)]}) AS facts
// One sentence naming a seat twice ("representative on the board and its chair") is one seat: a 'medlem'
// row whose every line also states a more specific role of the same status is left out.
UNWIND facts AS f
WITH p, o, f
WHERE NOT (f.m.role = 'medlem' AND any(g IN facts WHERE g.m.role <> 'medlem' AND g.m.status = f.m.status
                                        AND all(s IN f.sources WHERE s IN g.sources)))
WITH p, o, f.m AS m, f.letters AS letters, f.munis AS munis, f.replaced AS replaced, f.successors AS successors,
     f.decision AS decision, f.decided_at AS decided_at, f.sources AS sources, f.first AS first
RETURN p.name AS person, o.name AS body, m.role AS role, m.status AS status,
       CASE WHEN size(letters) = 0 THEN null ELSE reduce(s = head(letters), x IN tail(letters) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       toString(first.date) AS date, toString(m.start_date) AS start_date, toString(m.end_date) AS end_date,
       CASE WHEN m.end_date IS NULL THEN toString(m.as_of) END AS as_of, m.end_basis AS end_basis,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       CASE WHEN size(successors) = 0 THEN null ELSE reduce(s = head(successors), x IN tail(successors) | s + '; ' + x) END AS replaced_by,
       decision, toString(decided_at) AS decided_at, sources,
       first.doc AS doc, first.line AS line, first.quote AS quote
ORDER BY person, coalesce(date, '9999'), body, line
