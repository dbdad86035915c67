// name: person
// question: Which person has one of the ids $ids (name, other spellings)?
// param: ids list "person:jacob-netteberg" person_id values to try (the web page's URL gives a few candidates)
// columns: person_id, name, aliases
// Read-only, for the web pages (graphbuild/web): the page of one person.
MATCH (p:Person)
WHERE p.person_id IN $ids
RETURN p.person_id AS person_id, p.name AS name, coalesce(p.aliases, []) AS aliases
ORDER BY size(p.person_id) DESC
LIMIT 1
