// Organizations (councils, bodies, parties) with exactly one sub-label, keyed by org_id.
// Rows: {org_id, name, kind: council|body|party, short_name, aliases, classification, letter, kommunekode, source}
UNWIND $rows AS r
MERGE (o:Organization {org_id: r.org_id})
SET o.name = r.name, o.short_name = r.short_name, o.aliases = r.aliases,
    o.classification = r.classification, o.letter = r.letter, o.kommunekode = r.kommunekode,
    o.source = r.source
FOREACH (_ IN CASE WHEN r.kind = 'council' THEN [1] ELSE [] END | SET o:Council)
FOREACH (_ IN CASE WHEN r.kind = 'body' THEN [1] ELSE [] END | SET o:Body)
FOREACH (_ IN CASE WHEN r.kind = 'party' THEN [1] ELSE [] END | SET o:Party)
RETURN count(*) AS written
