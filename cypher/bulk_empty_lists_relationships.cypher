// After `load --bulk`: the same as bulk_empty_lists_nodes.cypher for relationships. Parameters: none.
MATCH ()-[r]->()
WHERE r._bulk_empty_lists IS NOT NULL
CALL (r) {
  UNWIND r._bulk_empty_lists AS key
  SET r[key] = []
  REMOVE r._bulk_empty_lists
} IN TRANSACTIONS OF 10000 ROWS
