// name: meeting-votes
// question: How was voted at meeting $meeting_id: each vote's subject, outcome, counts and who voted how?
// param: meeting_id string "council:kkr-hovedstaden:2020-06-19" the meeting's id
// columns: item_number, subject, outcome, for_count, against_count, abstained_count, for_parties, against_parties, abstained_parties, voters, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web). voters: "position: name (party)" of every person named on a side.
MATCH (v:Vote)-[:AT_MEETING]->(:Meeting {meeting_id: $meeting_id})
OPTIONAL MATCH (v)-[e:EVIDENCED_BY]->(d:Document)
RETURN v.item_number AS item_number, v.subject AS subject, v.outcome AS outcome,
       v.for_count AS for_count, v.against_count AS against_count, v.abstained_count AS abstained_count,
       v.for_parties AS for_parties, v.against_parties AS against_parties, v.abstained_parties AS abstained_parties,
       COLLECT { MATCH (p:Person)-[r:VOTED]->(v)
                 RETURN r.position + ': ' + p.name + CASE WHEN r.party IS NULL THEN '' ELSE ' (' + r.party + ')' END } AS voters,
       d.doc_id AS doc_id, e.line AS line, e.quote AS quote
ORDER BY item_number, line
