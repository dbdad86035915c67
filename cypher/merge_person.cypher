// A curator's "same" judgement joined two people already in the graph: move $absorbed_id's
// relationships onto $kept_id and delete the absorbed node (its id stays in kept.merged_ids).
MATCH (kept:Person {person_id: $kept_id}), (gone:Person {person_id: $absorbed_id})
CALL { WITH kept, gone
  MATCH (gone)-[:HAS_MEMBERSHIP]->(m) MERGE (kept)-[:HAS_MEMBERSHIP]->(m) }
CALL { WITH kept, gone
  MATCH (gone)-[a:ATTENDED]->(mt) MERGE (kept)-[b:ATTENDED {doc_id: a.doc_id}]->(mt) SET b += properties(a) }
CALL { WITH kept, gone
  MATCH (i)-[c:CONCERNS]->(gone) MERGE (i)-[c2:CONCERNS {doc_id: c.doc_id}]->(kept) SET c2 += properties(c) }
DETACH DELETE gone
RETURN count(*) AS written
