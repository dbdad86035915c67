// name: interlocks
// question: Who links bodies by sitting on $min_bodies or more organizations, and who sits together with them on two or more bodies?
// param: min_bodies int 2 how many organizations (councils and bodies, not parties) a person must have seats in
// columns: person, seats, organizations, sits_together_with, evidence
// A seat counts unless its status is resigned, proposed or offered. sits_together_with: people
// who hold seats in at least two of the same bodies (not councils) as this person (a board interlock).
// evidence: one source line per seat ("path:line quote").
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
WHERE NOT o:Party AND NOT coalesce(m.status, '') IN ['resigned', 'proposed', 'offered']
WITH p, o, collect(m)[0] AS m
WITH p, collect([o, m]) AS seats
// Only people with two or more seats can be listed or sit together with someone on two.
WHERE size(seats) >= 2 OR size(seats) >= $min_bodies
// Each organization's seat holders are collected once (not expanded again per person sitting in it).
UNWIND seats AS s
WITH p, seats, s[0] AS o
WITH o, collect([p, seats]) AS holders
// Sitting together counts on bodies only: a council's members all share it, which says nothing.
WITH holders, CASE WHEN o:Body THEN [h IN holders WHERE size(h[1]) >= 2 | h[0]] ELSE [] END AS co
UNWIND holders AS h
WITH h[0] AS p, collect(h[1])[0] AS seats, collect(co) AS groups
WHERE size(seats) >= $min_bodies
CALL (p, groups) {
  UNWIND groups AS g
  UNWIND g AS other
  WITH other WHERE other <> p
  WITH other, count(*) AS shared
  WHERE shared >= 2
  RETURN collect(other.name + ' (' + toString(shared) + ')') AS together
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
       together AS sits_together_with, evidence
ORDER BY seats DESC, size(together) DESC, person
