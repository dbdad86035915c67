// After a group of documents' transaction: did every one of them land?  (A commit acknowledged during a
// server shutdown can be lost.)  Parameters: $doc_ids (list of document ids)
UNWIND $doc_ids AS doc_id
MATCH (d:Document {doc_id: doc_id})
RETURN count(d) AS n
