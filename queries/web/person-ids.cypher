// name: person-ids
// question: Which person_id has each person named in $names (as their name)?
// param: names list "Jacob Netteberg" person names as the reports give them
// columns: name, person_id
// Read-only, for the web pages (graphbuild/web): a report row names a person; the page links to them.
MATCH (p:Person)
WHERE p.name IN $names
RETURN p.name AS name, p.person_id AS person_id
ORDER BY name, person_id
