// name: meeting-decisions
// question: What was decided at the meeting(s) on $date, item by item, with outcome and recommendation?
// param: date date "2020-06-19" meeting date, YYYY-MM-DD
// columns: council, date, number, title, recommendation, decision, outcome, doc, line, quote
// Items of an agenda (no minutes yet) are listed too, with an empty decision; the quote is the
// decision's source line, or the item's heading when there is no decision.
MATCH (a:AgendaItem)-[:ON_AGENDA_OF]->(mt:Meeting)
WHERE mt.date = date($date)
OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
OPTIONAL MATCH (a)-[:RESULTED_IN]->(x:Decision)
OPTIONAL MATCH (x)-[xe:EVIDENCED_BY]->(xd:Document)
OPTIONAL MATCH (a)-[ae:EVIDENCED_BY]->(ad:Document)
WITH c, mt, a, x, collect(DISTINCT {doc: xd.path, line: xe.line, quote: xe.quote}) AS xev,
     collect(DISTINCT {doc: ad.path, line: ae.line, quote: ae.quote}) AS aev
WITH c, mt, a, x, CASE WHEN x IS NOT NULL AND xev[0].line IS NOT NULL THEN xev[0] ELSE aev[0] END AS ev
RETURN c.name AS council, toString(mt.date) AS date, a.number AS number, a.title AS title,
       a.recommendation AS recommendation, x.text AS decision, x.outcome AS outcome,
       ev.doc AS doc, ev.line AS line, ev.quote AS quote
ORDER BY council, [n IN split(a.number, '.') | coalesce(toInteger(n), 0)], number
