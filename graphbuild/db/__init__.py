"""Everything that talks to Neo4j: the connection rule (connection), the local server (runtime, and launcher
for its Java launcher in neo4j_server/), the statements of cypher/ and queries/ (statements), the rows a
document writes, one function per fact kind (rows), the one writer (load), saved reports (reports) and the
guard on user statements (guard), curated reference data (reference) and `graphbuild export` (export).

Extraction never imports this package; nothing here parses text.
"""
