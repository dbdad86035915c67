// eval: is the database empty? (the accuracy command refuses a non-empty one unless --wipe)
MATCH (n)
RETURN count(n) AS nodes
