// Read-only. Every name of one kind of thing in the graph, with its other spellings, for the CLI's
// "did you mean" when a report parameter (person, body, council, municipality, region) matches
// nothing. $kind: person | organization | council | municipality | region.
CALL () {
  MATCH (n:Person) WHERE $kind = 'person'
  RETURN n.name AS name, coalesce(n.aliases, []) AS other
  UNION ALL
  MATCH (n:Organization) WHERE $kind = 'organization' AND NOT n:Party
  RETURN n.name AS name, coalesce(n.aliases, []) + [x IN [n.short_name, n.org_id] WHERE x IS NOT NULL] AS other
  UNION ALL
  MATCH (n:Council) WHERE $kind = 'council'
  RETURN n.name AS name, coalesce(n.aliases, []) + [x IN [n.short_name, n.org_id] WHERE x IS NOT NULL] AS other
  UNION ALL
  MATCH (n:Municipality) WHERE $kind = 'municipality'
  RETURN n.name AS name, coalesce(n.aliases, []) + [x IN [n.short_name, n.kommunekode] WHERE x IS NOT NULL] AS other
  UNION ALL
  MATCH (n:Region) WHERE $kind = 'region'
  RETURN n.name AS name, [x IN [n.short_name, n.regionskode] WHERE x IS NOT NULL] AS other
}
RETURN name, other
ORDER BY name
