// name: search
// question: Which people, bodies and councils, municipalities and meetings match the text $q (name, any other spelling, id)?
// param: q string "Netteberg" a part of a name, short name, alias or id, case-insensitive (at least 2 characters)
// param: limit int? 60 how many hits
// columns: kind, id, name, detail, matched
// Read-only, for the web pages' search (graphbuild/web). A person found by one of their aliases (another
// spelling in some document) is the same page as by their name: `matched` says which spelling was hit.
CALL () {
  WITH toLower(trim($q)) AS q
  MATCH (p:Person)
  WHERE size(q) >= 2 AND (toLower(p.name) CONTAINS q OR any(a IN coalesce(p.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN 'person' AS kind, p.person_id AS id, p.name AS name, null AS detail,
         head([x IN [p.name] + coalesce(p.aliases, []) WHERE toLower(x) CONTAINS q]) AS matched
  UNION ALL
  WITH toLower(trim($q)) AS q
  MATCH (o:Organization)
  WHERE NOT o:Party AND size(q) >= 2 AND (toLower(o.name) CONTAINS q OR toLower(coalesce(o.short_name, '')) CONTAINS q
        OR toLower(o.org_id) = q OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN CASE WHEN o:Council THEN 'council' ELSE 'body' END AS kind, o.org_id AS id, o.name AS name,
         o.short_name AS detail,
         head([x IN [o.name, o.short_name, o.org_id] + coalesce(o.aliases, []) WHERE x IS NOT NULL AND toLower(x) CONTAINS q]) AS matched
  UNION ALL
  WITH toLower(trim($q)) AS q
  MATCH (mu:Municipality)
  WHERE size(q) >= 2 AND (toLower(mu.name) CONTAINS q OR toLower(coalesce(mu.short_name, '')) CONTAINS q
        OR mu.kommunekode = q OR any(a IN coalesce(mu.aliases, []) WHERE toLower(a) CONTAINS q))
  RETURN 'municipality' AS kind, mu.kommunekode AS id, mu.name AS name, null AS detail,
         head([x IN [mu.name, mu.short_name, mu.kommunekode] + coalesce(mu.aliases, []) WHERE x IS NOT NULL AND toLower(x) CONTAINS q]) AS matched
  UNION ALL
  WITH toLower(trim($q)) AS q
  MATCH (mt:Meeting)-[:ORGANIZED_BY]->(c:Organization)
  WHERE size(q) >= 2 AND (toLower(c.name) CONTAINS q OR toLower(coalesce(c.short_name, '')) CONTAINS q
        OR toString(mt.date) STARTS WITH q)
  RETURN 'meeting' AS kind, mt.meeting_id AS id, c.name + ' ' + toString(mt.date) AS name, mt.location AS detail,
         toString(mt.date) AS matched
}
RETURN kind, id, name, detail, matched
ORDER BY CASE kind WHEN 'person' THEN 0 WHEN 'body' THEN 1 WHEN 'council' THEN 1 WHEN 'municipality' THEN 2 ELSE 3 END,
         name
LIMIT $limit
