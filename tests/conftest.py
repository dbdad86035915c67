"""Shared fixtures, and the two kinds of test, told apart by folder (no hand-added markers):

* tests/unit/         need neither Java nor Neo4j (marked `unit`; a unit test asking for a Neo4j fixture is an error);
* tests/integration/  run against a REAL Neo4j, never a mock (marked `integration`).

`pytest tests/unit` or `pytest -m unit` runs the first kind alone.  The Neo4j of the integration tests:

0. GRAPHBUILD_TEST_NEO4J_URI is set -> that existing server (GRAPHBUILD_TEST_NEO4J_USER, default neo4j, and
   GRAPHBUILD_TEST_NEO4J_PASSWORD), its default database: a THROW-AWAY one, the tests delete everything in it;
1. otherwise, a Docker engine answers -> testcontainers' Neo4j module starts the official image;
2. otherwise -> the project's own local Neo4j (Maven Central jars) on a free port with a
   temporary data directory.
If none can be had, the tests that need Neo4j FAIL (they are not skipped).  The tests of the local server
itself (tests/integration/test_runtime.py, the faults that stop a server) start their own in any case.
"""
from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
NEO4J_IMAGE = "neo4j:5.26-community"


# The fixtures below that reach a Neo4j server: only integration tests may use them.
NEO4J_FIXTURES = frozenset({"neo4j_settings", "driver", "neo4j_env", "empty_graph", "samples_graph", "local_server"})
KINDS = ("unit", "integration")


def pytest_collection_modifyitems(config, items):
    """Mark every test by its folder; refuse a test outside the two folders or a unit test that needs Neo4j."""
    tests_dir = Path(__file__).resolve().parent
    problems = []
    for item in items:
        rel = Path(str(item.path)).resolve().relative_to(tests_dir)
        kind = rel.parts[0] if len(rel.parts) > 1 else None
        if kind not in KINDS:
            problems.append(f"{item.nodeid}: a test lives in tests/unit/ (no Java, no Neo4j) or tests/integration/")
            continue
        item.add_marker(getattr(pytest.mark, kind))
        if kind == "unit" and NEO4J_FIXTURES & set(getattr(item, "fixturenames", ())):
            problems.append(f"{item.nodeid}: a unit test uses a Neo4j fixture; move it to tests/integration/")
    if problems:
        raise pytest.UsageError("\n".join(problems))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def docker_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:
        return False


TEST_SERVER_ENV = "GRAPHBUILD_TEST_NEO4J_URI"


def existing_server(env=None):
    """The settings of the existing (throw-away) server named by GRAPHBUILD_TEST_NEO4J_URI, or None;
    one clear failure when it cannot be used."""
    from graphbuild.db.connection import ConnectionSettings, open_driver

    env = os.environ if env is None else env
    uri = env.get(TEST_SERVER_ENV)
    if not uri:
        return None
    password = env.get("GRAPHBUILD_TEST_NEO4J_PASSWORD")
    if not password:
        pytest.fail(f"{TEST_SERVER_ENV} is set ({uri}) but GRAPHBUILD_TEST_NEO4J_PASSWORD is not")
    settings = ConnectionSettings(uri, env.get("GRAPHBUILD_TEST_NEO4J_USER", "neo4j"), password, None, TEST_SERVER_ENV)
    try:
        open_driver(settings).close()  # reachable, and the credentials are accepted
    except Exception as exc:
        pytest.fail(f"{TEST_SERVER_ENV}={uri}: cannot use that server for the integration tests: {exc}")
    return settings


@pytest.fixture(scope="session")
def neo4j_settings():
    from graphbuild.db.connection import ConnectionSettings

    existing = existing_server()
    if existing is not None:
        yield existing
        return
    if docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        container = Neo4jContainer(NEO4J_IMAGE)
        container.start()
        try:
            yield ConnectionSettings(container.get_connection_url(), "neo4j", container.password, None, "testcontainers")
        finally:
            container.stop()
        return

    from graphbuild.db.runtime import LocalNeo4j, default_home

    # The jars and compiled launcher are shared with the user's own runtime so a test run
    # does not rebuild them; the store, password and log live in a throw-away directory.
    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    home = Path(tempfile.mkdtemp(prefix="graphbuild-test-"))
    server = LocalNeo4j(home=home, bolt_port=free_port())
    try:
        server.start(timeout=900, echo=lambda m: print(m, flush=True))
    except Exception as exc:
        pytest.fail(f"no Neo4j for the integration tests (no Docker engine, and the local server failed): {exc}")
    creds = server.credentials()
    try:
        yield ConnectionSettings(creds.uri, creds.user, creds.password, None, "local test server")
    finally:
        server.stop()


@pytest.fixture(scope="session")
def local_server():
    """A local Neo4j of the tests' own (the project's runtime, whatever serves the other tests), for what
    stops and restarts its server: `load --bulk` (tests/integration/test_bulk.py)."""
    from graphbuild.db.runtime import LocalNeo4j, default_home

    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    server = LocalNeo4j(home=Path(tempfile.mkdtemp(prefix="graphbuild-test-")), bolt_port=free_port())
    server.start(timeout=900, echo=lambda m: print(m, flush=True))
    yield server
    server.stop()


def local_env(server) -> dict:
    """The CLI pointed at the tests' own local server through GRAPHBUILD_HOME (as a user's `neo4j start`)."""
    return {"GRAPHBUILD_HOME": str(server.home), "NEO4J_URI": None, "NEO4J_USER": None, "NEO4J_PASSWORD": None}


def local_driver(server):
    from graphbuild.db.connection import ConnectionSettings, open_driver

    c = server.identified_credentials()
    return open_driver(ConnectionSettings(c.uri, c.user, c.password, None, "local server"))


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    from graphbuild.db.connection import open_driver

    drv = open_driver(neo4j_settings)
    yield drv
    drv.close()


@pytest.fixture(scope="session")
def neo4j_env(neo4j_settings):
    """Environment variables that point the CLI and notebooks at the test server."""
    return {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
            "NEO4J_PASSWORD": neo4j_settings.password}


def wipe(driver) -> None:
    """Empty the graph in bounded transactions: relationships first, then nodes. DETACH DELETE of 5,000 nodes at a
    time exceeded the server's transaction memory pool on the 2,000-document graph (a batch holding nodes with
    tens of thousands of relationships), so each transaction now deletes a bounded number of either."""
    with driver.session() as s:
        s.run("MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


@pytest.fixture
def empty_graph(driver):
    """A graph with nothing in it (schema kept)."""
    wipe(driver)
    return driver


def graph_counts(driver) -> dict:
    with driver.session() as s:
        nodes = {r["label"]: r["n"] for r in s.run(
            "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")}
        rels = {r["type"]: r["n"] for r in s.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
    return {"nodes": nodes, "relationships": rels}


@pytest.fixture
def samples_graph(driver):
    """The five sample documents ingested (re-ingested only if another test changed the graph)."""
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import file_digest, ingest

    wanted = sorted(file_digest(p) for p in SAMPLE_FILES)
    with driver.session() as s:
        have = sorted(r["id"] for r in s.run("MATCH (d:Document) RETURN d.doc_id AS id"))
        marker = s.run("MATCH (n) WHERE n.test_marker IS NOT NULL RETURN count(n) AS n").single()["n"]
    if have != wanted or marker:
        wipe(driver)
        report = ingest([str(SAMPLES)], GraphWriter(driver))
        assert report.ok, report.failed
    return driver
