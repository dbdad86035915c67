// name: organization
// question: Which body or council has one of the ids $ids?
// param: ids list "council:kkr-hovedstaden" org_id values to try (the web page's URL gives a few candidates)
// columns: org_id, name, short_name, aliases, kind, classification, part_of
// Read-only, for the web pages (graphbuild/web).
MATCH (o:Organization)
WHERE o.org_id IN $ids AND NOT o:Party
RETURN o.org_id AS org_id, o.name AS name, o.short_name AS short_name, coalesce(o.aliases, []) AS aliases,
       CASE WHEN o:Council THEN 'council' ELSE 'body' END AS kind, o.classification AS classification,
       o.part_of AS part_of
ORDER BY size(o.org_id) DESC
LIMIT 1
