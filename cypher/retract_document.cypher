// Remove everything document $doc_id asserted, so a new version can replace it.
// Facts other documents still evidence stay; nodes left without any evidence go.
MATCH (d:Document {doc_id: $doc_id})
CALL { WITH d
  OPTIONAL MATCH (u:UnresolvedMention)-[:FOUND_IN]->(d)
  DETACH DELETE u }
CALL { MATCH ()-[r:ATTENDED]->() WHERE r.doc_id = $doc_id DELETE r }
CALL { MATCH ()-[r:MEMBER_OF]->() WHERE r.doc_id = $doc_id DELETE r }
CALL { MATCH ()-[r:CONCERNS]->() WHERE r.doc_id = $doc_id DELETE r }
CALL { MATCH ()-[r:ABOUT_SEAT]->() WHERE r.doc_id = $doc_id DELETE r }
CALL { WITH d
  MATCH (n)-[e:EVIDENCED_BY]->(d)
  DELETE e
  WITH DISTINCT n
  WHERE NOT EXISTS { (n)-[:EVIDENCED_BY]->() }
  DETACH DELETE n }
CALL { WITH d
  MATCH (d)-[:DOCUMENTS]->(m:Meeting)
  WHERE NOT EXISTS { (m)<-[:DOCUMENTS]-(other:Document WHERE other.doc_id <> $doc_id) }
  DETACH DELETE m }
CALL { MATCH (p:Person) WHERE NOT EXISTS { (p)--() } DELETE p }
CALL { MATCH (o:Organization {source: 'extracted'}) WHERE NOT EXISTS { (o)--() } DELETE o }
DETACH DELETE d
RETURN count(*) AS written
