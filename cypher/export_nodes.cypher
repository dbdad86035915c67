// `graphbuild export`: the nodes with label $label, each with its key (its own id property, else the
// element id), its labels and every property.
MATCH (n) WHERE $label IN labels(n)
RETURN coalesce(n.doc_id, n.org_id, n.kommunekode, n.regionskode, n.person_id, n.membership_id, n.meeting_id,
                n.agenda_item_id, n.decision_id, n.mention_id, elementId(n)) AS key,
       labels(n) AS labels, properties(n) AS props
ORDER BY key
