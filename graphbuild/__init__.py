"""graphbuild: Danish local-government meeting documents -> a Neo4j knowledge graph."""

__version__ = "0.1.0"
