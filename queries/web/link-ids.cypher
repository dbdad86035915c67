// name: link-ids
// question: Which ids have the people $persons, bodies $orgs and municipalities $munis named in report rows, and the documents at the paths $paths?
// param: persons list "Jacob Netteberg" person names as the reports give them
// param: orgs list "KKR Hovedstaden" organization names as the reports give them
// param: munis list "Rudersdal Kommune" municipality names as the reports give them
// param: paths list "data/samples/kkr-hovedstaden-referat-2020-06-19.txt" document paths as the reports give them
// columns: kind, name, id
// Read-only, for the web pages (graphbuild/web/links.py): the saved reports name people, bodies,
// municipalities and documents by name or path; the pages link to them by id. One round trip, each part
// an index seek. A body name shared by several (a generic "Byrådet" of two documents) gives the one with
// the most seats first.
CALL () {
  MATCH (p:Person) WHERE p.name IN $persons
  RETURN 'person' AS kind, p.name AS name, p.person_id AS id, 0 AS rank
  UNION ALL
  MATCH (o:Organization) WHERE o.name IN $orgs AND NOT o:Party
  RETURN 'org' AS kind, o.name AS name, o.org_id AS id, -COUNT { (o)<-[:IN_ORGANIZATION]-() } AS rank
  UNION ALL
  MATCH (mu:Municipality) WHERE mu.name IN $munis
  RETURN 'municipality' AS kind, mu.name AS name, mu.kommunekode AS id, 0 AS rank
  UNION ALL
  MATCH (d:Document) WHERE d.path IN $paths
  RETURN 'document' AS kind, d.path AS name, d.doc_id AS id, 0 AS rank
}
RETURN kind, name, id
ORDER BY kind, name, rank, id
