// A curator's "same" judgement joined two people already in the graph: move $absorbed_id's
// relationships onto $kept_id and delete the absorbed node; its id (and the ids it had absorbed) go to
// kept.merged_ids and its names to kept.aliases, so the merge is visible and later runs resolve to kept.
// Where both already had the same relationship (same document), kept's own line and quote stay.
MATCH (kept:Person {person_id: $kept_id}), (gone:Person {person_id: $absorbed_id})
SET kept.merged_ids = reduce(acc = coalesce(kept.merged_ids, []), x IN [gone.person_id] + coalesce(gone.merged_ids, []) |
                             CASE WHEN x IN acc THEN acc ELSE acc + x END),
    kept.aliases = reduce(acc = coalesce(kept.aliases, []), x IN [gone.name] + coalesce(gone.aliases, []) |
                          CASE WHEN x IN acc OR x = kept.name THEN acc ELSE acc + x END)
WITH kept, gone
CALL (kept, gone) {
  MATCH (gone)-[:HAS_MEMBERSHIP]->(m) MERGE (kept)-[:HAS_MEMBERSHIP]->(m) }
CALL (kept, gone) {
  MATCH (gone)-[a:ATTENDED]->(mt) MERGE (kept)-[b:ATTENDED {doc_id: a.doc_id}]->(mt) ON CREATE SET b += properties(a) }
CALL (kept, gone) {
  MATCH (i)-[c:CONCERNS]->(gone) MERGE (i)-[c2:CONCERNS {doc_id: c.doc_id}]->(kept) ON CREATE SET c2 += properties(c) }
DETACH DELETE gone
RETURN count(*) AS written
