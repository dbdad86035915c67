// name: interlocks
// question: Who links bodies by sitting on $min_bodies or more of them, and who sits together with them on two or more?
// param: min_bodies int 2 how many organizations (councils and bodies, not parties) a person must have seats in
// columns: person, seats, organizations, sits_together_with, evidence
// A seat counts unless its status is resigned, proposed or offered. sits_together_with: people
// who hold seats in at least two of the same organizations as this person (a board interlock).
// evidence: one source line per seat ("path:line quote").
MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_ORGANIZATION]->(o:Organization)
WHERE NOT o:Party AND NOT coalesce(m.status, '') IN ['resigned', 'proposed', 'offered']
WITH p, o, collect(m)[0] AS m
WITH p, collect([o, m]) AS seats
WHERE size(seats) >= $min_bodies
CALL (p, seats) {
  UNWIND seats AS s
  WITH s[0] AS o
  MATCH (o)<-[:IN_ORGANIZATION]-(om:Membership)<-[:HAS_MEMBERSHIP]-(other:Person)
  WHERE other <> p AND NOT coalesce(om.status, '') IN ['resigned', 'proposed', 'offered']
  WITH other, count(DISTINCT o) AS shared
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
