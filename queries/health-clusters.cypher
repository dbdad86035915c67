// name: health-clusters
// question: Which municipalities belong to each health cluster (or other body with member municipalities) in region $region?
// param: region string "Sjælland" region name, short name or regionskode ("Sjælland" matches "Region Sjælland")
// columns: region, cluster, municipalities, count, doc, line, quote
// From (Municipality)-[:MEMBER_OF]->(Body) as the documents' tables state it; doc/line/quote is
// the first supporting line.
WITH toLower(trim($region)) AS q
MATCH (g:Region)
WHERE g.regionskode = q OR toLower(g.name) = q OR toLower(coalesce(g.short_name, '')) = q
   OR toLower(g.name) = 'region ' + q OR toLower(g.name) ENDS WITH ' ' + q
MATCH (mu:Municipality)-[:IN_REGION]->(g)
MATCH (mu)-[r:MEMBER_OF]->(o:Organization)
OPTIONAL MATCH (d:Document {doc_id: r.doc_id})
WITH g, o, mu, r, d ORDER BY mu.name
WITH g, o, collect(DISTINCT mu.name) AS municipalities,
     collect({doc: d.path, line: r.line, quote: r.quote}) AS evs
WITH g, o, municipalities, [e IN evs WHERE e.line IS NOT NULL] AS evs
WITH g, o, municipalities,
     reduce(best = null, e IN evs | CASE WHEN best IS NULL OR e.line < best.line THEN e ELSE best END) AS ev
RETURN g.name AS region, o.name AS cluster, municipalities, size(municipalities) AS count,
       ev.doc AS doc, ev.line AS line, ev.quote AS quote
ORDER BY region, cluster
