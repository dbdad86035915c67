// name: body-appointments
// question: What is the appointment history of body $body: who was appointed, who resigned, who replaced whom, on behalf of which party?
// param: body string "Samarbejdsudvalget vedr. psykologhjælp i Hovedstaden" name, short name, alias or org_id, case-insensitive (a part of the name works when nothing matches exactly)
// param: date date? null only the seats valid at this date, YYYY-MM-DD (default: the whole history)
// columns: body, date, person, role, status, party, municipality, replaces, decision, decided_at, agenda_item, since, until, as_of, sources, doc, line, quote
// One row per fact, oldest first: a membership with what its lines state (party, municipality, the person
// replaced, the deciding decision); lines stating the same are one row, listed in sources ("path:line",
// the first one also as doc, line, quote). Party and municipality: as the row's lines state them, else the
// membership's. decision: only an appointment item's decision, or one naming the person (else empty).
// since / until: when the seat began and ended (until empty: not known to have ended, as_of is the last
// date a document states it). With date: only seats (not resignations or proposals) valid at that date.
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
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS found
// The body itself and the groups of it that only documents name ("politiske partnerskabsgruppe i ...
// DK2020-partnerskab" is part_of the DK2020 partnership).
CALL (found) {
  RETURN found AS o
  UNION
  MATCH (o:Organization {part_of: found.org_id})
  RETURN o
}
WITH DISTINCT o
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o)
WHERE $date IS NULL OR (coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
      AND (m.start_date IS NULL OR m.start_date <= date($date)) AND (m.end_date IS NULL OR date($date) < m.end_date))
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
WITH o, p, m, e, d, parties, munis, replaced, decision, decided_at, ai
ORDER BY coalesce(e.date, m.start_date, m.end_date), d.path, e.line
// One row per fact: the lines of a membership that state the same party, municipality, replaced person
// and decision are one row, with every line as a source.
WITH o, p, m, parties, munis, replaced, decision, decided_at,
     collect({date: coalesce(e.date, m.start_date, m.end_date), doc: d.path, line: e.line, quote: e.quote,
              item: CASE WHEN ai IS NULL THEN null ELSE ai.number + ' ' + ai.title END}) AS evs
WITH o, p, m, parties, munis, replaced, decision, decided_at, evs, head(evs) AS first
WITH o, p, collect({m: m, parties: parties, munis: munis, replaced: replaced, decision: decision,
                    decided_at: decided_at, evs: evs, first: first,
                    sources: [x IN evs | x.doc + ':' + toString(x.line)]}) AS facts
// One sentence naming a seat twice ("KKR's representative on the board and its chair") is one seat: a
// 'medlem' row whose every line also states a more specific role of the same status is left out.
UNWIND facts AS f
WITH o, p, f
WHERE NOT (f.m.role = 'medlem' AND any(g IN facts WHERE g.m.role <> 'medlem' AND g.m.status = f.m.status
                                        AND all(s IN f.sources WHERE s IN g.sources)))
WITH o, p, f.m AS m, f.parties AS parties, f.munis AS munis, f.replaced AS replaced, f.decision AS decision,
     f.decided_at AS decided_at, f.sources AS sources, f.first AS first
RETURN o.name AS body, toString(first.date) AS date, p.name AS person, m.role AS role, m.status AS status,
       CASE WHEN size(parties) = 0 THEN null ELSE reduce(s = head(parties), x IN tail(parties) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       CASE WHEN size(replaced) = 0 THEN null ELSE reduce(s = head(replaced), x IN tail(replaced) | s + '; ' + x) END AS replaces,
       decision, toString(decided_at) AS decided_at, first.item AS agenda_item,
       toString(m.start_date) AS since, toString(m.end_date) AS until,
       CASE WHEN m.end_date IS NULL THEN toString(m.as_of) END AS as_of,
       sources, first.doc AS doc, first.line AS line, first.quote AS quote
ORDER BY body, coalesce(date, '9999'), line, person
