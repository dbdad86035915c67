// A graph's fingerprint (graphbuild/scale/fingerprint.py): every relationship, its type, its two ends
// and every property.  Parameters: none.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props
