// Settle a meeting's time and location from every document that documents it (see
// settle_agenda_items.cypher): the first value in doc_id order. Rows: {id}
UNWIND $rows AS r
MATCH (m:Meeting {meeting_id: r.id})
CALL (m) {
  MATCH (d:Document)-[e:DOCUMENTS]->(m)
  WITH e ORDER BY d.doc_id
  RETURN collect(e) AS evs
}
SET m.time = head([e IN evs WHERE e.time IS NOT NULL | e.time]),
    m.location = head([e IN evs WHERE e.location IS NOT NULL | e.location])
RETURN count(*) AS written
