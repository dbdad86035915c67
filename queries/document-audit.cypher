// name: document-audit
// question: Which facts does the graph hold from document $document, line by line (audit view)?
// param: document string "referat-2020-06-19" a doc_id prefix (sha256 hex) or a part of the file path
// columns: doc, line, page, page_line, fact, subject, relation, object, detail, quote
// Every fact carries the line and verbatim quote it was read from; facts without a line
// (e.g. an appointment's link to its decision) are listed under the line of their membership.
MATCH (d:Document)
WHERE d.doc_id STARTS WITH toLower(trim($document)) OR (size(trim($document)) >= 3 AND d.path CONTAINS trim($document))
CALL (d) {
  MATCH (d)-[r:DOCUMENTS]->(mt:Meeting)
  OPTIONAL MATCH (mt)-[:ORGANIZED_BY]->(c:Organization)
  RETURN r.line AS line, 'meeting' AS fact, c.name AS subject, 'MET ON' AS relation,
         toString(mt.date) AS object, coalesce(mt.time, '') + ' ' + coalesce(mt.location, '') AS detail, r.quote AS quote
  UNION ALL
  MATCH (a:AgendaItem)-[e:EVIDENCED_BY]->(d)
  RETURN e.line AS line, 'agenda item' AS fact, a.number AS subject, 'TITLED' AS relation, a.title AS object,
         a.case_number AS detail, e.quote AS quote
  UNION ALL
  MATCH (x:Decision)-[e:EVIDENCED_BY]->(d)
  OPTIONAL MATCH (a:AgendaItem)-[:RESULTED_IN]->(x)
  RETURN e.line AS line, 'decision' AS fact, a.number AS subject, 'DECIDED' AS relation, x.text AS object,
         x.outcome AS detail, e.quote AS quote
  UNION ALL
  MATCH (m:Membership)-[e:EVIDENCED_BY]->(d)
  MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m)-[:IN_ORGANIZATION]->(o:Organization)
  // Only what this line states (the membership may carry other documents' lines too).
  OPTIONAL MATCH (m)-[r1:ON_BEHALF_OF]->(party:Party) WHERE r1.doc_id = d.doc_id AND r1.line = e.line
  OPTIONAL MATCH (m)-[r2:REPRESENTS]->(mu:Municipality) WHERE r2.doc_id = d.doc_id AND r2.line = e.line
  OPTIONAL MATCH (m)-[r3:REPLACES]->(:Membership)<-[:HAS_MEMBERSHIP]-(gone:Person) WHERE r3.doc_id = d.doc_id AND r3.line = e.line
  WITH e, m, p, o, collect(DISTINCT party.letter) AS letters, collect(DISTINCT mu.name) AS munis, collect(DISTINCT gone.name) AS gone
  RETURN e.line AS line, 'membership' AS fact, p.name AS subject, toUpper(coalesce(m.status, '')) + ' ' + coalesce(m.role, '') AS relation,
         o.name AS object,
         trim(reduce(s = '', l IN letters | s + '(' + l + ') ') + reduce(s = '', x IN munis | s + x + ' ')
              + reduce(s = '', g IN gone | s + 'replaces ' + g + ' ')) AS detail, e.quote AS quote
  UNION ALL
  MATCH (p:Person)-[r:ATTENDED]->(mt:Meeting)
  WHERE r.doc_id = d.doc_id
  RETURN r.line AS line, 'attendance' AS fact, p.name AS subject, toUpper(r.status) AS relation,
         toString(mt.date) AS object, r.role AS detail, r.quote AS quote
  UNION ALL
  MATCH (a:AgendaItem)-[r:CONCERNS]->(t)
  WHERE r.doc_id = d.doc_id
  RETURN r.line AS line, 'concerns' AS fact, a.number AS subject, 'CONCERNS' AS relation, t.name AS object,
         labels(t)[0] AS detail, r.quote AS quote
  UNION ALL
  MATCH (mu:Municipality)-[r:MEMBER_OF]->(o:Organization)
  WHERE r.doc_id = d.doc_id
  RETURN r.line AS line, 'area membership' AS fact, mu.name AS subject, 'MEMBER_OF' AS relation, o.name AS object,
         null AS detail, r.quote AS quote
  UNION ALL
  MATCH (u:UnresolvedMention)-[:FOUND_IN]->(d)
  RETURN u.line AS line, 'unresolved' AS fact, u.name AS subject, 'NOT RESOLVED' AS relation, null AS object,
         u.reason AS detail, u.quote AS quote
}
// A PDF's lines also give their page and line on the page (Document.page_starts: where each page starts).
WITH d, line, fact, subject, relation, object, detail, quote,
     CASE WHEN d.page_starts IS NULL OR line IS NULL THEN null
          ELSE size([s IN d.page_starts WHERE s <= line]) END AS page
RETURN d.path AS doc, line, CASE WHEN page > 0 THEN page END AS page,
       CASE WHEN page > 0 THEN line - d.page_starts[page - 1] + 1 END AS page_line,
       fact, subject, relation, object, detail, quote
ORDER BY doc, line, fact, subject
