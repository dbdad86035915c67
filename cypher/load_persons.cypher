// People in their resolved form. Rows: {person_id, name, aliases, merged_ids}
UNWIND $rows AS r
MERGE (p:Person {person_id: r.person_id})
SET p.name = r.name, p.aliases = r.aliases, p.merged_ids = r.merged_ids
RETURN count(*) AS written
