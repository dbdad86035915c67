// `graphbuild export`: every node label in the graph (one file of nodes each).
CALL db.labels() YIELD label
RETURN label
