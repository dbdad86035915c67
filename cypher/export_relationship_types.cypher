// `graphbuild export`: every relationship type in the graph (one file of relationships each).
CALL db.relationshipTypes() YIELD relationshipType
RETURN relationshipType
