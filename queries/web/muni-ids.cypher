// name: muni-ids
// question: Which kommunekode has each municipality named in $names?
// param: names list "Rudersdal Kommune" municipality names as the reports give them
// columns: name, kommunekode
// Read-only, for the web pages (graphbuild/web).
MATCH (mu:Municipality)
WHERE mu.name IN $names
RETURN mu.name AS name, mu.kommunekode AS kommunekode
ORDER BY name
