// name: party-balance
// question: What is the party balance of the members sent to body $body?
// param: body string "KKR Hovedstaden" name, short name, alias or org_id of a body or council, case-insensitive ("WOCO" works)
// param: date date? null count the seats valid at this date, YYYY-MM-DD (default: every seat not resigned)
// columns: body, party, letter, seats, share, members
// Seats only: status member, appointed or reports_from, and a member's role (medlem, formand, næstformand,
// medformand, suppleant): a body's staff (direktør, rektor, ...) hold no seat. A seat's party: as its own
// lines state it, else the party the same person is listed with elsewhere (e.g. in the council's member
// list); "(unknown)" only when no document gives one. With date: only seats valid at that date.
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
// Seats in the body and in the groups of it that only documents name (their part_of).
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(g:Organization)
WHERE (g = o OR g.part_of = o.org_id)
  AND coalesce(m.status, 'member') IN ['member', 'appointed', 'reports_from']
  AND coalesce(m.role, 'medlem') IN ['medlem', 'formand', 'næstformand', 'medformand', 'suppleant']
  AND ($date IS NULL OR ((m.start_date IS NULL OR m.start_date <= date($date))
                         AND (m.end_date IS NULL OR date($date) < m.end_date)))
WITH o, p, collect(m) AS ms
// The party the seat's lines state, else the one the person is listed with in any other seat.
WITH o, p, COLLECT { UNWIND ms AS m MATCH (m)-[:ON_BEHALF_OF]->(x:Party) RETURN x ORDER BY x.org_id } AS own
WITH o, p, CASE WHEN size(own) > 0 THEN own[0]
                ELSE COLLECT { MATCH (p)-[:HAS_MEMBERSHIP]->(:Membership)-[:ON_BEHALF_OF]->(x:Party)
                               RETURN x ORDER BY x.org_id }[0] END AS party
WITH o, coalesce(party.name, party.letter, '(unknown)') AS party_name, party.letter AS letter, collect(DISTINCT p.name) AS members
WITH o, collect({party: party_name, letter: letter, seats: size(members), members: members}) AS rows
WITH o, rows, reduce(t = 0, r IN rows | t + r.seats) AS total
UNWIND rows AS r
RETURN o.name AS body, r.party AS party, r.letter AS letter, r.seats AS seats,
       round(100.0 * r.seats / total, 1) AS share, r.members AS members
ORDER BY body, seats DESC, party
