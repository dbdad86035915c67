// name: interlocks
// question: Which people sit together on two or more bodies (at least $min_shared shared organizations)?
// param: min_shared int 2 how many organizations (councils and bodies, not parties) a pair must share
// columns: person_a, person_b, shared, organizations, evidence
// A seat counts unless its status is resigned, proposed or offered. evidence: one source line
// per shared organization and person ("path:line quote").
MATCH (a:Person)-[:HAS_MEMBERSHIP]->(ma:Membership)-[:IN_ORGANIZATION]->(o:Organization)
      <-[:IN_ORGANIZATION]-(mb:Membership)<-[:HAS_MEMBERSHIP]-(b:Person)
WHERE NOT o:Party AND a.person_id < b.person_id
  AND NOT coalesce(ma.status, '') IN ['resigned', 'proposed', 'offered']
  AND NOT coalesce(mb.status, '') IN ['resigned', 'proposed', 'offered']
WITH a, b, o, collect(DISTINCT ma)[0] AS ma, collect(DISTINCT mb)[0] AS mb
WITH a, b, collect(o) AS orgs, collect([o, ma, mb]) AS seats
WHERE size(orgs) >= $min_shared
UNWIND seats AS s
WITH a, b, orgs, s[0] AS o, s[1] AS ma, s[2] AS mb
CALL (ma, mb) {
  MATCH (x:Membership)-[e:EVIDENCED_BY]->(d:Document)
  WHERE x = ma OR x = mb
  WITH x, e, d ORDER BY e.line
  WITH x, collect(d.path + ':' + toString(e.line) + ' ' + e.quote)[0] AS q
  RETURN collect(q) AS quotes
}
WITH a, b, orgs, collect(o.name + ' (' + coalesce(ma.role, '?') + ' / ' + coalesce(mb.role, '?') + ')') AS detail,
     reduce(acc = [], qs IN collect(quotes) | acc + qs) AS evidence
RETURN a.name AS person_a, b.name AS person_b, size(orgs) AS shared,
       reduce(s = head(detail), x IN tail(detail) | s + '; ' + x) AS organizations, evidence
ORDER BY shared DESC, person_a, person_b
