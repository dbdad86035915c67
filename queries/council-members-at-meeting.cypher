// name: council-members-at-meeting
// question: Who were the members of council $council at its meeting on $date (party, municipality), who was present and who sent apologies?
// param: council string "KKR Hovedstaden" council name, short name or alias, case-insensitive (a part of the name works when nothing matches exactly)
// param: date date "2020-06-19" meeting date, YYYY-MM-DD
// columns: council, date, person, attendance, role, stood_in_for, absent_for_items, party, municipality, member_since, member_until, as_of, sources, doc, line, quote
// attendance: present | absent (sent apologies) | not recorded (a member of the council at that date,
// but the meeting's documents do not list them). A member at the date: a membership that began on or
// before it and did not end by it (end: resignation, a later member list without the person, or the end of
// the electoral term; see docs/schema.md). role: as this meeting's documents give it (the attendance line,
// else a membership line of a document of this meeting), never from another meeting. member_until empty:
// the end is unknown, and as_of is the last date a document states the seat. stood_in_for: the member a
// substitute stood in for (that member is absent); absent_for_items: absent for these cases only ("129-138").
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
WHERE mt.date = date($date)
CALL (c, mt) {
  // One row per person: the same list in two files (minutes as .txt and as .pdf) is one fact, both
  // lines in sources; present wins over absent.
  MATCH (p:Person)-[a:ATTENDED]->(mt)
  OPTIONAL MATCH (ad:Document {doc_id: a.doc_id})
  WITH p, a, ad ORDER BY ad.path, a.line
  WITH p, collect(a) AS atts, collect(ad.path + ':' + toString(a.line)) AS sources
  WITH p, atts, sources, coalesce([x IN atts WHERE x.status = 'present'][0], atts[0]) AS a
  RETURN p, a.status AS attendance, coalesce(a.role, [x IN atts WHERE x.role IS NOT NULL | x.role][0]) AS role,
         a.doc_id AS doc_id, a.line AS line, a.quote AS quote, sources,
         [x IN atts WHERE x.stood_in_for IS NOT NULL | x.stood_in_for][0] AS stood_in_for_id,
         [x IN atts WHERE x.items IS NOT NULL | x.items][0] AS absent_for_items
  UNION
  MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(c)
  WHERE NOT (p)-[:ATTENDED]->(mt) AND coalesce(m.status, 'member') IN ['member', 'appointed']
    AND (m.start_date IS NULL OR m.start_date <= mt.date) AND (m.end_date IS NULL OR mt.date < m.end_date)
  WITH DISTINCT p  // one row per person, whatever their roles (the role is picked below)
  RETURN p, 'not recorded' AS attendance, null AS role, null AS doc_id, null AS line, null AS quote, [] AS sources,
         null AS stood_in_for_id, null AS absent_for_items
}
// Party and municipality: from the person's seat in this council, else from any seat. Worked out once
// per person, each membership's targets once (a membership has one ON_BEHALF_OF / REPRESENTS per line).
CALL (p, c, mt) {
  MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
  WITH m, o = c AS here,
       COLLECT { MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN DISTINCT x.letter } AS letters,
       COLLECT { MATCH (m)-[:REPRESENTS]->(x:Municipality) RETURN DISTINCT x.name } AS names
  UNWIND CASE WHEN size(letters) = 0 THEN [null] ELSE letters END AS letter
  UNWIND CASE WHEN size(names) = 0 THEN [null] ELSE names END AS name
  RETURN collect(DISTINCT CASE WHEN here AND EXISTS { (m)-[:EVIDENCED_BY]->(:Document)-[:DOCUMENTS]->(mt) }
                                THEN m.role END) AS croles,
         collect(DISTINCT CASE WHEN here THEN letter END) AS cparties,
         collect(DISTINCT CASE WHEN here THEN name END) AS cmunis,
         collect(DISTINCT letter) AS oparties, collect(DISTINCT name) AS omunis
}
// The seat in this council valid at the meeting's date: since when, until when, as of when.
CALL (p, c, mt) {
  OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(c)
  WHERE coalesce(m.status, 'member') IN ['member', 'appointed']
    AND (m.start_date IS NULL OR m.start_date <= mt.date) AND (m.end_date IS NULL OR mt.date < m.end_date)
  RETURN m.start_date AS member_since, m.end_date AS member_until, m.as_of AS as_of
  ORDER BY m.start_date DESC LIMIT 1
}
WITH c, mt, p, attendance, role, doc_id, line, quote, sources, croles, member_since, member_until, as_of,
     stood_in_for_id, absent_for_items,
     CASE WHEN size(cparties) > 0 THEN cparties ELSE oparties END AS parties,
     CASE WHEN size(cmunis) > 0 THEN cmunis ELSE omunis END AS munis
OPTIONAL MATCH (d:Document {doc_id: doc_id})
OPTIONAL MATCH (old:Person {person_id: stood_in_for_id})
RETURN c.name AS council, toString(mt.date) AS date, p.name AS person, attendance,
       coalesce(role, [r IN croles WHERE r IS NOT NULL AND toLower(r) <> 'medlem'][0], croles[0]) AS role,
       old.name AS stood_in_for, absent_for_items,
       CASE WHEN size(parties) = 0 THEN null ELSE reduce(s = head(parties), x IN tail(parties) | s + '/' + x) END AS party,
       CASE WHEN size(munis) = 0 THEN null ELSE reduce(s = head(munis), x IN tail(munis) | s + '/' + x) END AS municipality,
       toString(member_since) AS member_since, toString(member_until) AS member_until,
       CASE WHEN member_until IS NULL THEN toString(as_of) END AS as_of,
       sources, d.path AS doc, line, quote
ORDER BY CASE attendance WHEN 'present' THEN 0 WHEN 'absent' THEN 1 ELSE 2 END, coalesce(line, 999999), person
