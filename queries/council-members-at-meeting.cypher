// name: council-members-at-meeting
// question: Who were the members of council $council at its meeting on $date (party, municipality), who was present and who sent apologies?
// param: council string "KKR Hovedstaden" council name, short name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// param: date date "2020-06-19" meeting date, YYYY-MM-DD
// columns: council, date, person, attendance, role, party, municipality, doc, line, quote
// attendance: present | absent (sent apologies) | not recorded (a member of the council by
// some document, but the meeting's documents do not list them).
CALL () {
  WITH toLower(trim($council)) AS q
  MATCH (c:Council)
  WHERE toLower(c.org_id) = q OR toLower(c.name) = q OR toLower(coalesce(c.short_name, '')) = q
        OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) = q)
  RETURN collect(c) AS exact
}
CALL () {
  WITH toLower(trim($council)) AS q
  MATCH (c:Council)
  WHERE size(q) >= 3 AND (toLower(c.name) CONTAINS q OR any(a IN coalesce(c.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(c) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS c
MATCH (mt:Meeting)-[:ORGANIZED_BY]->(c)
WHERE toString(mt.date) = $date
CALL (c, mt) {
  MATCH (p:Person)-[a:ATTENDED]->(mt)
  RETURN p, a.status AS attendance, a.role AS role, a.doc_id AS doc_id, a.line AS line, a.quote AS quote
  UNION
  MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(c)
  WHERE NOT (p)-[:ATTENDED]->(mt) AND coalesce(m.status, 'member') IN ['member', 'appointed']
    AND coalesce(m.start_date, '0000') <= toString(mt.date) AND coalesce(m.end_date, '9999') >= toString(mt.date)
  RETURN p, 'not recorded' AS attendance, m.role AS role, null AS doc_id, null AS line, null AS quote
}
// Party and municipality: from the person's seat in this council, else from any seat.
OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(cm:Membership)-[:IN_ORGANIZATION]->(c)
OPTIONAL MATCH (cm)-[:ON_BEHALF_OF]->(cp:Party)
OPTIONAL MATCH (cm)-[:REPRESENTS]->(cmu:Municipality)
OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(om:Membership)-[:ON_BEHALF_OF]->(op:Party)
OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(om2:Membership)-[:REPRESENTS]->(omu:Municipality)
WITH c, mt, p, attendance, role, doc_id, line, quote,
     collect(DISTINCT cp.letter) AS cparties, collect(DISTINCT cmu.name) AS cmunis,
     collect(DISTINCT op.letter) AS oparties, collect(DISTINCT omu.name) AS omunis,
     collect(DISTINCT cm.role) AS croles
WITH c, mt, p, attendance, role, doc_id, line, quote, croles,
     CASE WHEN size(cparties) > 0 THEN cparties ELSE oparties END AS parties,
     CASE WHEN size(cmunis) > 0 THEN cmunis ELSE omunis END AS munis
OPTIONAL MATCH (d:Document {doc_id: doc_id})
RETURN c.name AS council, toString(mt.date) AS date, p.name AS person, attendance,
       coalesce(role, [r IN croles WHERE r IS NOT NULL AND toLower(r) <> 'medlem'][0], croles[0]) AS role,
       CASE WHEN size(parties) = 0 THEN null ELSE reduce(s = head(parties), x IN tail(parties) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       d.path AS doc, line, quote
ORDER BY CASE attendance WHEN 'present' THEN 0 WHEN 'absent' THEN 1 ELSE 2 END, coalesce(line, 999999), person
