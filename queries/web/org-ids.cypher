// name: org-ids
// question: Which org_id has each body or council named in $names (as its name)?
// param: names list "KKR Hovedstaden" organization names as the reports give them
// columns: name, org_id
// Read-only, for the web pages (graphbuild/web): a report row names a body; the page links to it. A name
// shared by several (a generic "Byrådet" of two documents) links to the one with the most seats.
MATCH (o:Organization)
WHERE o.name IN $names AND NOT o:Party
RETURN o.name AS name, o.org_id AS org_id
ORDER BY name, COUNT { (o)<-[:IN_ORGANIZATION]-() } DESC, org_id
