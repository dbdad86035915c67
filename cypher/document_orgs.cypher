// The organizations whose memberships document $doc_id speaks to: those of the memberships it evidences
// and the council of the meeting it documents (its attendance list can end memberships). Read before the
// document is retracted, so their memberships' start and end can be worked out again after.
MATCH (d:Document {doc_id: $doc_id})
CALL (d) {
  OPTIONAL MATCH (d)<-[:EVIDENCED_BY]-(:Membership)-[:IN_ORGANIZATION]->(o:Organization)
  RETURN collect(DISTINCT o.org_id) AS held
}
CALL (d) {
  OPTIONAL MATCH (d)-[:DOCUMENTS]->(:Meeting)-[:ORGANIZED_BY]->(c:Organization)
  RETURN collect(DISTINCT c.org_id) AS met
}
RETURN held + [x IN met WHERE NOT x IN held] AS org_ids
