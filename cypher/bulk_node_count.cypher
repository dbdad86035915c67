// `graphbuild load --bulk` imports into an EMPTY database only: how many nodes it holds. Parameters: none.
MATCH (n)
RETURN count(n) AS n
