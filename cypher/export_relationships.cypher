// `graphbuild export`: the relationships of type $type, with the keys (as in export_nodes.cypher) and labels
// of both ends, and every property (provenance included).
MATCH (a)-[r]->(b) WHERE type(r) = $type
RETURN coalesce(a.doc_id, a.org_id, a.kommunekode, a.regionskode, a.person_id, a.membership_id, a.meeting_id,
                a.agenda_item_id, a.decision_id, a.mention_id, elementId(a)) AS start_key,
       labels(a) AS start_labels,
       coalesce(b.doc_id, b.org_id, b.kommunekode, b.regionskode, b.person_id, b.membership_id, b.meeting_id,
                b.agenda_item_id, b.decision_id, b.mention_id, elementId(b)) AS end_key,
       labels(b) AS end_labels, properties(r) AS props
ORDER BY start_key, end_key
