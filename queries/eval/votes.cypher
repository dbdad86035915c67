// eval: the votes a document states (Vote nodes it evidences), each side's parties as written on the vote and the
// people and parties linked to it by VOTED (with the position they took).
MATCH (v:Vote)-[e:EVIDENCED_BY]->(d:Document)
WHERE d.doc_id IN $doc_ids
CALL (v) {
  OPTIONAL MATCH (p:Person)-[b:VOTED]->(v)
  RETURN collect(CASE WHEN p IS NULL THEN NULL ELSE {name: p.name, aliases: coalesce(p.aliases, []),
                                                    position: b.position, party: b.party} END) AS members
}
CALL (v) {
  OPTIONAL MATCH (o:Organization)-[b:VOTED]->(v)
  RETURN collect(CASE WHEN o IS NULL THEN NULL ELSE {letter: o.letter, name: o.name, position: b.position,
                                                    party: b.party} END) AS parties
}
RETURN d.doc_id AS doc_id, v.vote_id AS vote_id, e.line AS line, v.subject AS subject, v.outcome AS outcome,
       v.item_number AS item_number, v.for_parties AS for_parties, v.against_parties AS against_parties,
       v.abstained_parties AS abstained_parties, v.reserved_parties AS reserved_parties, members, parties
ORDER BY doc_id, line
