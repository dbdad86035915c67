// name: data-quality
// question: What awaits review: mentions left unresolved, candidate duplicate people (same family name, similar first names) and organizations no reference list knows?
// columns: issue, name, other, reason, doc, line, quote
// issue: "unresolved mention" (a name or line kept instead of guessed), "possible duplicate"
// (two Person nodes whose last names agree and whose first names share an initial or one is a
// prefix of the other; record a verdict in the judgements file, see `graphbuild resolve review`),
// or "unlisted organization" (named only by a document, not by the curated gazetteer: a new body,
// or a name the gazetteer should learn as an alias; those recognised by their form alone are "awaiting
// review"), with the first line that names it.
CALL () {
  MATCH (u:UnresolvedMention)
  OPTIONAL MATCH (u)-[:FOUND_IN]->(d:Document)
  RETURN 'unresolved mention' AS issue, u.name AS name, null AS other, u.reason AS reason,
         coalesce(d.path, u.doc_id) AS doc, u.line AS line, u.quote AS quote, 1 AS rank
  UNION ALL
  // Block on the family name: pairs are formed only inside a family (not all pairs of people).
  MATCH (x:Person)
  WITH x, split(toLower(trim(x.name)), ' ') AS tx
  WITH last(tx) AS family, collect({p: x, t: tx}) AS people
  WHERE family IS NOT NULL AND size(people) > 1
  UNWIND people AS pa
  UNWIND people AS pb
  WITH pa.p AS a, pb.p AS b, pa.t AS ta, pb.t AS tb
  WHERE a.person_id < b.person_id
    AND (left(head(ta), 1) = left(head(tb), 1))
    AND (head(ta) STARTS WITH replace(head(tb), '.', '') OR head(tb) STARTS WITH replace(head(ta), '.', '')
         OR size(head(ta)) <= 2 OR size(head(tb)) <= 2
         OR left(head(ta), 3) = left(head(tb), 3))
  // One source line per person: the first attendance line, else the first membership line.
  CALL (a) {
    OPTIONAL MATCH (a)-[r:ATTENDED]->()
    WITH r LIMIT 1
    OPTIONAL MATCH (x:Document {doc_id: r.doc_id})
    OPTIONAL MATCH (a)-[:HAS_MEMBERSHIP]->(:Membership)-[e:EVIDENCED_BY]->(d:Document)
    WITH r, x, e, d LIMIT 1
    RETURN coalesce(x.path, d.path) + ':' + toString(coalesce(r.line, e.line)) + ' ' + coalesce(r.quote, e.quote) AS qa
  }
  CALL (b) {
    OPTIONAL MATCH (b)-[r:ATTENDED]->()
    WITH r LIMIT 1
    OPTIONAL MATCH (x:Document {doc_id: r.doc_id})
    OPTIONAL MATCH (b)-[:HAS_MEMBERSHIP]->(:Membership)-[e:EVIDENCED_BY]->(d:Document)
    WITH r, x, e, d LIMIT 1
    RETURN coalesce(x.path, d.path) + ':' + toString(coalesce(r.line, e.line)) + ' ' + coalesce(r.quote, e.quote) AS qb
  }
  RETURN 'possible duplicate' AS issue, a.name AS name, b.name AS other,
         'same family name, similar first names' AS reason,
         null AS doc, null AS line, coalesce(qa, '') + ' | ' + coalesce(qb, '') AS quote, 2 AS rank
  UNION ALL
  MATCH (o:Organization {source: 'extracted'})
  CALL (o) {
    OPTIONAL MATCH (o)<-[:IN_ORGANIZATION|ON_BEHALF_OF]-(:Membership)-[e:EVIDENCED_BY]->(d:Document)
    WITH o, collect({doc: d.path, line: e.line, quote: e.quote}) AS a
    OPTIONAL MATCH (o)<-[c:CONCERNS]-(:AgendaItem)
    OPTIONAL MATCH (cd:Document {doc_id: c.doc_id})
    WITH o, a, collect({doc: cd.path, line: c.line, quote: c.quote}) AS b
    OPTIONAL MATCH (nd:Document)-[n:NAMES]->(o)
    WITH a, b, collect({doc: nd.path, line: n.line, quote: n.quote}) AS c
    WITH a + b + c AS evs
    WITH [e IN evs WHERE e.line IS NOT NULL] AS evs
    RETURN reduce(best = null, e IN evs | CASE WHEN best IS NULL OR e.line < best.line THEN e ELSE best END) AS ev
  }
  RETURN 'unlisted organization' AS issue, o.name AS name, o.org_id AS other,
         coalesce(o.status + ': ', '') + 'not in the gazetteer (' + [l IN labels(o) WHERE l <> 'Organization'][0]
         + coalesce(', ' + o.classification, '') + ')' AS reason,
         ev.doc AS doc, ev.line AS line, ev.quote AS quote, 3 AS rank
}
RETURN issue, name, other, reason, doc, line, quote
ORDER BY rank, doc, line, name
