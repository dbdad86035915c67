// Reference data: the 98 municipalities and their region. Rows: {kommunekode, name, short_name, aliases, regionskode}
UNWIND $rows AS r
MATCH (g:Region {regionskode: r.regionskode})
MERGE (m:Municipality:Area {kommunekode: r.kommunekode})
SET m.name = r.name, m.short_name = r.short_name, m.aliases = r.aliases
MERGE (m)-[:IN_REGION]->(g)
RETURN count(*) AS written
