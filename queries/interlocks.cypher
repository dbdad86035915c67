// name: interlocks
// question: Who links bodies by sitting on $min_bodies or more organizations, and who sits together with them on two or more bodies?
// param: min_bodies int 2 how many organizations (councils and bodies, not parties) a person must have seats in
// param: limit int? 25 how many people to list, those with the most seats first (ties by name)
// param: names int? 10 how many of the people they sit together with to name, most shared bodies first
// columns: person, seats, organizations, together, sits_together_with, evidence
// A seat counts unless its status is resigned, proposed or offered. together: how many people hold
// seats in at least two of the same bodies as this person (bodies, not councils: a council's members
// all share it); sits_together_with names the first $names of them, most shared bodies first, then
// by name, each with the number of bodies shared.
// evidence: one source line per seat ("path:line quote").
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
WHERE NOT o:Party AND NOT coalesce(m.status, '') IN ['resigned', 'proposed', 'offered']
WITH p, o, collect(m)[0] AS m
WITH p, collect([o, m]) AS seats
WHERE size(seats) >= $min_bodies
// The people are chosen before their co-members are counted, so the cost follows $limit, not the graph.
ORDER BY size(seats) DESC, p.name
LIMIT $limit
WITH collect([p, seats]) AS chosen
// Each of their bodies' current seat holders, collected once (not expanded again per person).
CALL (chosen) {
  UNWIND chosen AS c
  UNWIND c[1] AS s
  WITH DISTINCT s[0] AS b
  WHERE b:Body
  MATCH (b)<-[:IN_ORGANIZATION]-(m:Membership)<-[:HAS_MEMBERSHIP]-(x:Person)
  WHERE NOT coalesce(m.status, '') IN ['resigned', 'proposed', 'offered']
  WITH b, collect(DISTINCT x) AS holders
  RETURN collect([b, holders]) AS bodies
}
UNWIND chosen AS c
WITH c[0] AS p, c[1] AS seats, bodies
CALL (p, seats, bodies) {
  WITH p, [s IN seats | s[0]] AS mine, bodies
  UNWIND bodies AS held
  WITH p, held WHERE held[0] IN mine
  UNWIND held[1] AS other
  WITH p, other WHERE other <> p
  WITH other, count(*) AS shared
  WHERE shared >= 2
  WITH other.name AS name, shared ORDER BY shared DESC, name
  WITH collect([name, shared]) AS found
  RETURN size(found) AS together, [x IN found[..$names] | x[0] + ' (' + toString(x[1]) + ')'] AS names
}
CALL (seats) {
  UNWIND seats AS s
  WITH s[1] AS m
  MATCH (m)-[e:EVIDENCED_BY]->(d:Document)
  WITH m, e, d ORDER BY e.line
  WITH m, collect(d.path + ':' + toString(e.line) + ' ' + e.quote)[0] AS q
  RETURN collect(q) AS evidence
}
RETURN p.name AS person, size(seats) AS seats,
       reduce(t = '', s IN seats | t + CASE WHEN t = '' THEN '' ELSE '; ' END
              + s[0].name + ' (' + coalesce(s[1].role, '?') + ', ' + coalesce(s[1].status, '?') + ')') AS organizations,
       together, names AS sits_together_with, evidence
ORDER BY seats DESC, together DESC, person
