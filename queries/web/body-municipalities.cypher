// name: body-municipalities
// question: Which municipalities are members of body $org_id (a health cluster, a partnership), and where is it written?
// param: org_id string "body:sundhedsklynge-bispebjerg-frederiksberg" the body's org_id
// columns: kommunekode, municipality, doc_id, line, quote
// Read-only, for the web pages (graphbuild/web).
MATCH (mu:Municipality)-[r:MEMBER_OF]->(:Organization {org_id: $org_id})
RETURN mu.kommunekode AS kommunekode, mu.name AS municipality, r.doc_id AS doc_id, r.line AS line, r.quote AS quote
ORDER BY municipality
