// When each membership of organizations $org_ids held, worked out again from everything the graph says
// about it (run in the loading transaction, after a document's rows, for the organizations it touched,
// and for those of a document it replaces):
//   start_date  the appointing decision's meeting (APPOINTS), else the first dated document stating it;
//   as_of       the last dated document stating it (shown where the end is unknown);
//   end_date    the earliest of: the person's resignation from the same organization after the start
//               (a replacement records the leaver's resignation); the first later meeting of the
//               organization whose documents list who attended and do not name the person (a later member
//               list); for a council, the last day of the municipal electoral term of its last statement
//               ($terms, graphbuild/data/terms.csv: council seats are given for one term);
//   end_basis   resigned | not on the member list | term ended.
// A resignation's own membership gets start_date null and end_date = its date.
// Params: $org_ids [org_id], $terms [{start: 'YYYY-MM-DD', end: 'YYYY-MM-DD'}]
UNWIND $org_ids AS oid
MATCH (o:Organization {org_id: oid})
// The organization's meetings with an attendance list, found once (not once per membership).
CALL (o) {
  OPTIONAL MATCH (o)<-[:ORGANIZED_BY]-(mt:Meeting)
  WHERE EXISTS { (:Person)-[:ATTENDED]->(mt) }
  RETURN collect(mt) AS listed
}
MATCH (o)<-[:IN_ORGANIZATION]-(m:Membership)<-[:HAS_MEMBERSHIP]-(p:Person)
CALL (m) {
  OPTIONAL MATCH (m)-[e:EVIDENCED_BY]->(:Document)
  RETURN min(e.date) AS first_stated, max(e.date) AS last_stated
}
CALL (m) {
  OPTIONAL MATCH (m)<-[:APPOINTS]-(:Decision)<-[:RESULTED_IN]-(:AgendaItem)-[:ON_AGENDA_OF]->(xm:Meeting)
  RETURN min(xm.date) AS decided
}
WITH o, listed, m, p, first_stated, last_stated, coalesce(decided, first_stated) AS began
CALL (o, m, p, began, last_stated) {
  // Resignations by the same person from the same organization, dated.
  OPTIONAL MATCH (p)-[:HAS_MEMBERSHIP]->(r:Membership {status: 'resigned'})-[:IN_ORGANIZATION]->(o)
  WHERE r <> m
  OPTIONAL MATCH (r)-[re:EVIDENCED_BY]->(:Document)
  WITH m, began, min(CASE WHEN re.date IS NOT NULL AND (began IS NULL OR re.date > began) THEN re.date END) AS resigned
  RETURN resigned
}
CALL (p, listed, last_stated) {
  // A later meeting of the organization with an attendance list that does not name the person (the
  // person's meetings read once, then looked up in memory: not one check per membership and meeting).
  WITH p, last_stated, [mt IN listed WHERE last_stated IS NOT NULL AND mt.date > last_stated] AS later
  WITH later, CASE WHEN size(later) = 0 THEN [] ELSE COLLECT { MATCH (p)-[:ATTENDED]->(x:Meeting) RETURN x } END AS went
  RETURN reduce(best = null, mt IN later |
                CASE WHEN NOT mt IN went AND (best IS NULL OR mt.date < best) THEN mt.date ELSE best END) AS unlisted
}
WITH o, m, first_stated, last_stated, began, resigned, unlisted,
     CASE WHEN o:Council AND last_stated IS NOT NULL
          THEN [t IN $terms WHERE date(t.start) <= last_stated AND last_stated <= date(t.end) | date(t.end)][0]
     END AS term_end
WITH m, first_stated, last_stated, began,
     CASE WHEN m.status = 'resigned' THEN coalesce(began, last_stated)
          ELSE reduce(best = null, x IN [resigned, unlisted, term_end] |
                      CASE WHEN x IS NOT NULL AND (best IS NULL OR x < best) THEN x ELSE best END) END AS ended,
     resigned, unlisted, term_end
SET m.start_date = CASE WHEN m.status = 'resigned' THEN null ELSE began END,
    m.as_of = last_stated,
    m.end_date = ended,
    m.end_basis = CASE WHEN ended IS NULL THEN null
                       WHEN m.status = 'resigned' OR ended = resigned THEN 'resigned'
                       WHEN ended = unlisted THEN 'not on the member list'
                       ELSE 'term ended' END
RETURN count(*) AS written
