// name: council-item-votes
// question: How did council $council vote on agenda item $title: who voted for, against, abstained or took reservations?
// param: council string "Byrådet" council name, short name or alias, case-insensitive (a part of the name works)
// param: title string "borgmester" a part of the agenda item's title, case-insensitive
// columns: council, meeting_date, number, title, subject, outcome, position, voter, voter_party, count, doc, line, quote
// One row per party or person on a side of each vote on a matching item of the council's meetings; a party named
// on a vote but unknown to the reference data is listed by the name written (voter_party empty).
MATCH (c:Council)<-[:ORGANIZED_BY]-(mt:Meeting)<-[:AT_MEETING]-(v:Vote)-[:ON_ITEM]->(a:AgendaItem)
WHERE (toLower(c.name) CONTAINS toLower(trim($council))
       OR any(x IN coalesce(c.aliases, []) WHERE toLower(x) CONTAINS toLower(trim($council))))
  AND toLower(a.title) CONTAINS toLower(trim($title))
MATCH (v)-[e:EVIDENCED_BY]->(d:Document)
CALL (v) {
  MATCH (x)-[b:VOTED]->(v)
  RETURN b.position AS position, coalesce(x.name, b.party) AS voter, CASE WHEN x:Party THEN x.letter ELSE b.party END AS voter_party,
         b.line AS line, b.quote AS quote
  UNION
  UNWIND ['for', 'against', 'abstained', 'reserved'] AS pos
  UNWIND coalesce(v[pos + '_parties'], []) AS written
  WITH v, pos, written
  WHERE NOT EXISTS { MATCH (p:Party)-[b:VOTED]->(v) WHERE b.party = written }
  RETURN pos AS position, written AS voter, null AS voter_party, null AS line, null AS quote
}
RETURN c.name AS council, toString(mt.date) AS meeting_date, a.number AS number, a.title AS title,
       v.subject AS subject, v.outcome AS outcome, position, voter, voter_party,
       v[position + '_count'] AS count, d.path AS doc, coalesce(line, e.line) AS line, coalesce(quote, e.quote) AS quote
ORDER BY meeting_date, number, position, voter
