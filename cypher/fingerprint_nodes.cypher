// A graph's fingerprint (graphbuild/scale/fingerprint.py): every node, its labels and every property.
// Parameters: none.
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
