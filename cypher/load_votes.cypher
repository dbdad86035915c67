// A vote on a decision as the document states it: the subject, the outcome, each side's count and the parties
// as written; the document evidences it (line and quote), so retracting the document removes it. Linked to its
// meeting, agenda item and decision when the document has them.
// Rows: {vote_id, meeting_id, agenda_item_id, decision_id, item_number, subject, body, date, outcome, line, quote, for_count, for_parties, against_count, against_parties, abstained_count, abstained_parties, reserved_count, reserved_parties}
UNWIND $rows AS r
MATCH (d:Document {doc_id: $doc_id})
MERGE (v:Vote {vote_id: r.vote_id})
SET v.item_number = r.item_number, v.subject = r.subject, v.body = r.body, v.date = date(r.date),
    v.outcome = r.outcome,
    v.for_count = r.for_count, v.against_count = r.against_count, v.abstained_count = r.abstained_count,
    v.reserved_count = r.reserved_count, v.for_parties = r.for_parties, v.against_parties = r.against_parties,
    v.abstained_parties = r.abstained_parties, v.reserved_parties = r.reserved_parties
MERGE (v)-[e:EVIDENCED_BY {line: r.line}]->(d)
SET e.quote = r.quote
WITH v, r
CALL (v, r) {
  OPTIONAL MATCH (m:Meeting {meeting_id: r.meeting_id})
  FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | MERGE (v)-[:AT_MEETING]->(m))
}
CALL (v, r) {
  OPTIONAL MATCH (a:AgendaItem {agenda_item_id: r.agenda_item_id})
  FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END | MERGE (v)-[:ON_ITEM]->(a))
}
CALL (v, r) {
  OPTIONAL MATCH (x:Decision {decision_id: r.decision_id})
  FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END | MERGE (v)-[:ON_DECISION]->(x))
}
RETURN count(*) AS written
