// The names and states of the indexes in place (is schema.cypher applied already, and online?).
SHOW INDEXES YIELD name, state
