// graphbuild eval --wipe: empty the database the user pointed at (only with the explicit flag).
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
