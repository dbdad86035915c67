// The names of the constraints in place (is schema.cypher applied already?).
SHOW CONSTRAINTS YIELD name
