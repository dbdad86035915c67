// After `load --bulk` (neo4j-admin import cannot write an empty list): every node property named in the
// node's _bulk_empty_lists (graphbuild/db/bulk_csv.py) becomes [], as the transactional load sets it;
// the marker goes. Run once, in an auto-commit transaction. Parameters: none.
MATCH (n)
WHERE n._bulk_empty_lists IS NOT NULL
CALL (n) {
  UNWIND n._bulk_empty_lists AS key
  SET n[key] = []
  REMOVE n._bulk_empty_lists
} IN TRANSACTIONS OF 10000 ROWS
