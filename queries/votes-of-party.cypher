// name: votes-of-party
// question: How did party $party vote, vote by vote (for, against, abstained, reserved), and where is it written?
// param: party string "Enhedslisten" party letter as written ("A", "EL", "SF") or name, case-insensitive
// columns: party, position, subject, item, outcome, meeting_date, council, for_count, against_count, abstained_count, voted_as, doc, line, quote
// A party's vote is the party named on a side of a vote ("For stemte 47 (S, SF, RV ...)", "Liste B stemte imod");
// a member named with the party's letter counts too (voted_as shows the member). A local list the reference data
// does not know is found by the name written on the vote.
CALL () {
  WITH toLower(trim($party)) AS q
  MATCH (p:Party)
  WHERE toLower(p.org_id) = q OR toLower(coalesce(p.letter, '')) = q OR toLower(p.name) = q
        OR toLower(coalesce(p.short_name, '')) = q OR any(a IN coalesce(p.aliases, []) WHERE toLower(a) = q)
  RETURN collect(p) AS parties
}
CALL (parties) {
  UNWIND parties AS p
  MATCH (p)-[b:VOTED]->(v:Vote)
  RETURN p.name AS party, b.position AS position, v, b, null AS voted_as
  UNION
  UNWIND parties AS p
  MATCH (m:Person)-[b:VOTED]->(v:Vote)
  WHERE b.party IS NOT NULL AND (toLower(b.party) = toLower(coalesce(p.letter, '')) OR toLower(b.party) = toLower(trim($party)))
  RETURN p.name AS party, b.position AS position, v, b, m.name AS voted_as
  UNION
  MATCH (v:Vote)
  WITH v, [pos IN ['for', 'against', 'abstained', 'reserved']
           WHERE any(x IN coalesce(v[pos + '_parties'], []) WHERE toLower(x) = toLower(trim($party)))] AS sides
  WHERE size(parties) = 0 AND size(sides) > 0
  MATCH (v)-[e:EVIDENCED_BY]->(:Document)
  RETURN trim($party) AS party, sides[0] AS position, v, e AS b, null AS voted_as
}
MATCH (v)-[:EVIDENCED_BY]->(d:Document)
OPTIONAL MATCH (v)-[:AT_MEETING]->(mt:Meeting)
OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
RETURN DISTINCT party, position, v.subject AS subject, v.item_number AS item, v.outcome AS outcome,
       toString(mt.date) AS meeting_date, coalesce(v.body, c.name) AS council, v.for_count AS for_count,
       v.against_count AS against_count, v.abstained_count AS abstained_count, voted_as, d.path AS doc,
       b.line AS line, b.quote AS quote
ORDER BY meeting_date, doc, line, voted_as
