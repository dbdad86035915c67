// Organizations (councils, bodies, parties) with exactly one sub-label, keyed by org_id.
// Rows: {org_id, name, kind: council|body|party, short_name, aliases, classification, letter, kommunekode, source,
//        part_of (optional: the org_id of the known body an extracted body is a group of)}
UNWIND $rows AS r
MERGE (o:Organization {org_id: r.org_id})
SET o.name = r.name, o.short_name = r.short_name, o.aliases = r.aliases,
    o.classification = r.classification, o.letter = r.letter, o.kommunekode = r.kommunekode,
    o.source = r.source, o.part_of = r.part_of
FOREACH (_ IN CASE WHEN r.kind = 'council' THEN [1] ELSE [] END | SET o:Council)
FOREACH (_ IN CASE WHEN r.kind = 'body' THEN [1] ELSE [] END | SET o:Body)
FOREACH (_ IN CASE WHEN r.kind = 'party' THEN [1] ELSE [] END | SET o:Party)
RETURN count(*) AS written
