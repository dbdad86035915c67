// Reference data: the five regions (from graphbuild/data/regions.csv). Rows: {regionskode, name, short_name}
UNWIND $rows AS r
MERGE (g:Region:Area {regionskode: r.regionskode})
SET g.name = r.name, g.short_name = r.short_name
RETURN count(*) AS written
