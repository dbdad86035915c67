// name: municipality
// question: Which municipality has one of the kommunekoder $ids, in which region, with which councils?
// param: ids list "230" kommunekode values to try (the web page's URL gives them)
// columns: kommunekode, name, short_name, aliases, region, councils
// Read-only, for the web pages (graphbuild/web). councils: the councils whose members represent the
// municipality, or that are named after it ("Byrådet i Rudersdal", "Rudersdal Kommunalbestyrelse").
MATCH (mu:Municipality)
WHERE mu.kommunekode IN $ids
OPTIONAL MATCH (mu)-[:IN_REGION]->(r:Region)
RETURN mu.kommunekode AS kommunekode, mu.name AS name, mu.short_name AS short_name,
       coalesce(mu.aliases, []) AS aliases, r.name AS region,
       COLLECT { MATCH (c:Council)
                 WHERE toLower(c.name) CONTAINS toLower(coalesce(mu.short_name, mu.name))
                    OR EXISTS { (c)<-[:IN_ORGANIZATION]-(m:Membership)-[:REPRESENTS]->(mu)
                                WHERE m.role IN ['borgmester', 'byrådsmedlem', 'kommunalbestyrelsesmedlem'] }
                 RETURN DISTINCT c.org_id } AS councils
LIMIT 1
