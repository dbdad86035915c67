// name: party-balance
// question: What is the party balance of the members sent to body $body?
// param: body string "KKR Hovedstaden" name, short name, alias or org_id of a body or council, case-insensitive ("WOCO" works)
// columns: body, party, letter, seats, share, members
// Current seats only (status member, appointed or reports_from); a seat with no party on record
// is counted under party "(unknown)".
CALL () {
  WITH toLower(trim($body)) AS q
  MATCH (o:Organization)
  WHERE NOT o:Party AND (toLower(o.org_id) = q OR toLower(o.name) = q OR toLower(coalesce(o.short_name, '')) = q
        OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) = q))
  RETURN collect(o) AS exact
}
CALL () {
  WITH toLower(trim($body)) AS q
  MATCH (o:Organization)
  WHERE NOT o:Party AND size(q) >= 3 AND (toLower(o.name) CONTAINS q OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN collect(o) AS partial
}
UNWIND CASE WHEN size(exact) > 0 THEN exact ELSE partial END AS o
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o)
WHERE coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
OPTIONAL MATCH (m)-[:ON_BEHALF_OF]->(party:Party)
WITH o, p, collect(DISTINCT party)[0] AS party
WITH o, coalesce(party.name, party.letter, '(unknown)') AS party_name, party.letter AS letter, collect(DISTINCT p.name) AS members
WITH o, collect({party: party_name, letter: letter, seats: size(members), members: members}) AS rows
WITH o, rows, reduce(t = 0, r IN rows | t + r.seats) AS total
UNWIND rows AS r
RETURN o.name AS body, r.party AS party, r.letter AS letter, r.seats AS seats,
       round(100.0 * r.seats / total, 1) AS share, r.members AS members
ORDER BY body, seats DESC, party
