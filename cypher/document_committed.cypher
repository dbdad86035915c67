// After a document's transaction: did it really land?  (A commit acknowledged during a server
// shutdown can be lost.)  Parameters: $doc_id
MATCH (d:Document {doc_id: $doc_id})
RETURN count(d) AS n
