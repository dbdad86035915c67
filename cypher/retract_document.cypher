// Remove everything document $doc_id asserted, so a new version can replace it.
// Facts other documents still evidence stay; nodes left without any evidence go.
// Only the people and organizations this document touched are checked for leftovers,
// so the cost follows the document, not the size of the graph.
MATCH (d:Document {doc_id: $doc_id})
CALL (d) {
  OPTIONAL MATCH (p:Person)-[:HAS_MEMBERSHIP]->(:Membership)-[:EVIDENCED_BY]->(d)
  RETURN collect(DISTINCT p) AS members
}
CALL () {
  OPTIONAL MATCH (p:Person)-[r:ATTENDED]->() WHERE r.doc_id = $doc_id
  RETURN collect(DISTINCT p) AS attendees
}
CALL () {
  OPTIONAL MATCH ()-[r:CONCERNS]->(p:Person) WHERE r.doc_id = $doc_id
  RETURN collect(DISTINCT p) AS concerned
}
CALL (d) {
  OPTIONAL MATCH (p:Person)-[:MENTIONED_IN]->(d)
  RETURN collect(DISTINCT p) AS mentioned
}
CALL (d) {
  OPTIONAL MATCH (o:Organization {source: 'extracted'})<-[:IN_ORGANIZATION|ON_BEHALF_OF]-(:Membership)-[:EVIDENCED_BY]->(d)
  RETURN collect(DISTINCT o) AS orgs_of_members
}
CALL () {
  OPTIONAL MATCH ()-[r:CONCERNS|MEMBER_OF|ABOUT_SEAT|NAMES]->(o:Organization {source: 'extracted'}) WHERE r.doc_id = $doc_id
  RETURN collect(DISTINCT o) AS orgs_named
}
CALL (d) {
  OPTIONAL MATCH (u:UnresolvedMention)-[:FOUND_IN]->(d)
  DETACH DELETE u
}
// What this document said about memberships (party, municipality, decision, who replaced whom) sits on
// relationships of the memberships it evidences, keyed by its doc_id.
CALL (d) {
  MATCH (m:Membership)-[:EVIDENCED_BY]->(d)
  WITH DISTINCT m
  MATCH (m)-[r:REPLACES|APPOINTS|ON_BEHALF_OF|REPRESENTS]-()
  WHERE r.doc_id = $doc_id
  WITH DISTINCT r
  DELETE r
}
CALL (d) { MATCH (:Person)-[r:MENTIONED_IN]->(d) DELETE r }
CALL () { MATCH ()-[r:ATTENDED]->() WHERE r.doc_id = $doc_id DELETE r }
CALL () { MATCH ()-[r:MEMBER_OF]->() WHERE r.doc_id = $doc_id DELETE r }
CALL () { MATCH ()-[r:CONCERNS]->() WHERE r.doc_id = $doc_id DELETE r }
CALL () { MATCH ()-[r:ABOUT_SEAT]->() WHERE r.doc_id = $doc_id DELETE r }
CALL (d) { MATCH (d)-[r:NAMES]->() DELETE r }  // organisations awaiting review it alone named go below
CALL (d) {
  MATCH (n)-[e:EVIDENCED_BY]->(d)
  DELETE e
  WITH DISTINCT n
  WHERE NOT EXISTS { (n)-[:EVIDENCED_BY]->() }
  DETACH DELETE n
}
CALL (d) {
  MATCH (d)-[:DOCUMENTS]->(m:Meeting)
  WHERE NOT EXISTS { (m)<-[:DOCUMENTS]-(other:Document WHERE other.doc_id <> $doc_id) }
  DETACH DELETE m
}
CALL (members, attendees, concerned, mentioned) {
  UNWIND members + attendees + concerned + mentioned AS p
  WITH DISTINCT p
  WHERE NOT EXISTS { (p)--() }
  DELETE p
}
CALL (orgs_of_members, orgs_named) {
  UNWIND orgs_of_members + orgs_named AS o
  WITH DISTINCT o
  WHERE NOT EXISTS { (o)--() }
  DELETE o
}
DETACH DELETE d
RETURN count(*) AS written
