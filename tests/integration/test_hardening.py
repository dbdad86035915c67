"""Issue 16: probes of a hostile or careless user, each one a test that failed before its fix.

* `graphbuild query` and reports refuse LOAD CSV, transaction management, administration commands and
  procedures outside an allow-list, judged from the server's own plan (EXPLAIN), so a comment or a string
  literal neither defeats nor trips the check; the local server itself refuses file and network URLs in
  LOAD CSV unless the user opts in with one import directory;
* a user report cannot shadow a bundled one without saying so;
* credentials go only to the URI the user gave or to the local server graphbuild started and can
  identify (its pid file, its command line, and the listening socket owned by that very process);
  a fake listener gets nothing, a non-Bolt listener or a fake Bolt reply gives one line, fast;
* the JVM does not inherit NEO4J_PASSWORD; --password-file keeps the password out of `ps`;
  a server lost mid-command prints one line, not the driver's retry warnings.
"""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from conftest import free_port
from graphbuild.cli import main
from graphbuild.db.runtime import LocalNeo4j, default_home

ROOT = Path(__file__).resolve().parents[2]
GRAPHBUILD = str(Path(sys.executable).with_name("graphbuild"))


def one_error_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


# ------------------------------------------------------------------ 1 + 3: the statement guard
REFUSED = {
    "load csv file": ("LOAD CSV FROM 'file:///etc/passwd' AS row FIELDTERMINATOR ':' RETURN row[0] LIMIT 2", "LOAD CSV"),
    "load csv lower case, comment inside": ("load /* harmless */ csv from 'file:///etc/passwd' as r return r", "LOAD CSV"),
    "load csv in a subquery": ("CALL () { LOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r } RETURN r", "LOAD CSV"),
    "load csv with headers": ("LOAD CSV WITH HEADERS FROM $url AS r RETURN r", "LOAD CSV"),
    "show transactions": ("SHOW TRANSACTIONS", "transaction management"),
    "terminate transactions": ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "transaction management"),
    "show then terminate": ("SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t", "transaction"),
    "clear query caches": ("CALL db.clearQueryCaches()", "db.clearQueryCaches"),
    "clear caches after a comment": ("// just a comment\nCALL db.clearQueryCaches() YIELD value RETURN value",
                                     "db.clearQueryCaches"),
    "procedure in COUNT subquery": ("RETURN COUNT { CALL dbms.listConfig() YIELD name RETURN name } AS n",
                                    "dbms.listConfig"),
    "settings": ("SHOW SETTINGS", "SHOW SETTINGS"),
    "administration": ("SHOW USERS", "administration"),
    "administration on system": ("USE system SHOW USERS", "administration"),
}
ALLOWED = {
    "LOAD CSV in a string": ("RETURN 'LOAD CSV FROM file:///etc/passwd' AS s", [{"s": "LOAD CSV FROM file:///etc/passwd"}]),
    "TERMINATE in a comment": ("RETURN 1 AS n // TERMINATE TRANSACTIONS", [{"n": 1}]),
    "procedure name in a string": ("RETURN 'CALL db.clearQueryCaches()' AS x", [{"x": "CALL db.clearQueryCaches()"}]),
    "an allowed procedure": ("CALL db.labels() YIELD label RETURN count(label) > 0 AS any", [{"any": True}]),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_query_refuses_dangerous_statements_in_one_line(samples_graph, neo4j_env, name):
    cypher, what = REFUSED[name]
    result = CliRunner().invoke(main, ["query", cypher, "-p", "url", "file:///etc/passwd"], env=neo4j_env)
    assert result.exit_code == 1
    line = one_error_line(result)
    # Refused from the plan, or (a statement the server cannot even plan) never run at all.
    assert line.startswith(("Error: refused: ", "Error: Neo4j refused the statement: ")), line
    assert what.lower() in line.lower(), line
    assert "root:" not in result.output


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_query_allows_look_alikes_in_strings_comments_and_allowed_procedures(samples_graph, neo4j_env, name):
    cypher, rows = ALLOWED[name]
    result = CliRunner().invoke(main, ["query", cypher, "--format", "json"], env=neo4j_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == rows


def test_a_report_with_load_csv_is_refused(samples_graph, neo4j_env, tmp_path):
    (tmp_path / "peek.cypher").write_text(
        "// name: peek\n// question: Looks harmless?\n"
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--reports-dir", str(tmp_path), "run", "peek"], env=neo4j_env)
    assert result.exit_code == 1
    line = one_error_line(result)
    assert line.startswith("Error: report 'peek' refused: ") and "LOAD CSV" in line, line


# ------------------------------------------------------------------ 1: the local server's own LOAD CSV settings
class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        _Recorder.hits.append(self.path)
        body = b"a,b\n1,2\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def opted_in_server(tmp_path_factory):
    """A private local server started with an import directory (the opt-in), from a shell that had
    NEO4J_PASSWORD exported (eval "$(graphbuild neo4j env)")."""
    os.environ.setdefault("GRAPHBUILD_NEO4J_BUILD", str(default_home() / "neo4j" / "build"))
    import_dir = tmp_path_factory.mktemp("import")
    (import_dir / "ok.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    old = os.environ.get("NEO4J_PASSWORD")
    os.environ["NEO4J_PASSWORD"] = "exported-secret-123"
    try:
        srv = LocalNeo4j(home=tmp_path_factory.mktemp("optin-home"), bolt_port=free_port(), import_dir=import_dir)
        srv.start(timeout=900, echo=lambda m: None)
    finally:
        if old is None:
            os.environ.pop("NEO4J_PASSWORD", None)
        else:
            os.environ["NEO4J_PASSWORD"] = old
    yield srv
    srv.stop()


def _load_csv(settings_or_srv, url):
    if isinstance(settings_or_srv, LocalNeo4j):
        c = settings_or_srv.credentials()
        uri, user, pw = c.uri, c.user, c.password
    else:
        uri, user, pw = settings_or_srv.uri, settings_or_srv.user, settings_or_srv.password
    with neo4j.GraphDatabase.driver(uri, auth=(user, pw)) as drv, drv.session() as s:
        return [r["row"] for r in s.run("LOAD CSV FROM $url AS row RETURN row", url=url)]


@pytest.fixture
def http_recorder():
    _Recorder.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_the_local_server_refuses_file_and_network_urls_by_default(neo4j_settings, http_recorder):
    """Straight to the server (the CLI's guard bypassed), with a WRITE session."""
    if neo4j_settings.source != "local test server":
        pytest.fail("this probe needs the project's own local server as the suite's Neo4j")
    with pytest.raises(neo4j.exceptions.ClientError, match="(?i)allow_csv_import_from_file_urls. is false"):
        _load_csv(neo4j_settings, "file:///etc/passwd")
    with pytest.raises(neo4j.exceptions.ClientError, match="(?i)blocked|not allowed"):
        _load_csv(neo4j_settings, http_recorder + "/secret")
    assert _Recorder.hits == []


def test_an_opted_in_server_reads_only_its_import_directory(opted_in_server, http_recorder):
    assert _load_csv(opted_in_server, "file:///ok.csv") == [["x", "y"], ["1", "2"]]
    for url in ("file:///etc/passwd", "file:///../../../../etc/passwd"):
        with pytest.raises(neo4j.exceptions.ClientError):
            _load_csv(opted_in_server, url)
    with pytest.raises(neo4j.exceptions.ClientError):
        _load_csv(opted_in_server, http_recorder + "/secret")
    assert _Recorder.hits == []


# ------------------------------------------------------------------ 8: the JVM's environment
def test_the_jvm_does_not_inherit_neo4j_password(opted_in_server):
    pid = opted_in_server._running_pid()
    assert pid
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    assert not [e for e in environ if e.startswith(b"NEO4J_")], "the JVM got NEO4J_* variables"


# ------------------------------------------------------------------ 8: --password-file, a lost server
def test_password_file_option(neo4j_settings, tmp_path):
    pw = tmp_path / "pw"
    pw.write_text(neo4j_settings.password + "\n")
    env = {"NEO4J_URI": None, "NEO4J_PASSWORD": None}
    ok = CliRunner().invoke(main, ["--uri", neo4j_settings.uri, "--password-file", str(pw), "query", "RETURN 1 AS n",
                                   "--format", "json"], env=env)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output) == [{"n": 1}]
    missing = CliRunner().invoke(main, ["--uri", neo4j_settings.uri, "--password-file", str(tmp_path / "nope"),
                                        "summary"], env=env)
    assert missing.exit_code != 0 and "nope" in missing.output and "Traceback" not in missing.output


def test_a_server_lost_mid_command_prints_one_line(neo4j_settings, monkeypatch):
    """The connection verified, then the server gone (a port with nothing behind it): the driver retries
    inside execute_read; the user reads one line, not the driver's retry warnings."""
    from graphbuild.db import connection

    monkeypatch.setattr(connection, "MAX_TRANSACTION_RETRY_S", 2.0)
    real_open = connection.open_driver
    dead = f"bolt://127.0.0.1:{free_port()}"

    def open_then_lose(settings, verify=True):
        real_open(settings, verify)  # proves the server was there
        return real_open(connection.ConnectionSettings(dead, settings.user, settings.password), verify=False)

    monkeypatch.setattr(connection, "open_driver", open_then_lose)
    result = CliRunner().invoke(main, ["--uri", neo4j_settings.uri, "--password",
                                                      neo4j_settings.password, "query", "RETURN 1 AS n"])
    assert result.exit_code == 1
    line = one_error_line(result)
    assert "lost the connection to Neo4j" in line, line


def test_the_local_fallback_reaches_the_identified_running_server(opted_in_server, monkeypatch):
    from graphbuild.db.connection import connect, resolve_settings

    monkeypatch.setenv("GRAPHBUILD_HOME", str(opted_in_server.home))
    s = resolve_settings(env={})
    assert (s.source, s.uri) == ("local server", opted_in_server.uri)
    drv, _ = connect()
    with drv.session() as session:
        assert session.run("RETURN 1 AS n").single()["n"] == 1
    drv.close()


# ------------------------------------------------------------------ 5: mixed encodings
REFERAT = ROOT / "data" / "samples" / "kkr-hovedstaden-referat-2020-06-19.txt"


# ------------------------------------------------------------------ 6: file names
SMALL_SAMPLE = ROOT / "data" / "samples" / "kkr-hovedstaden-dagsorden-2023-04-21.txt"


def _bytes_dir(tmp_path: Path) -> bytes:
    d = tmp_path / "names"
    d.mkdir()
    return os.fsencode(d)


def test_a_non_utf8_file_name_fails_alone_in_ingest(empty_graph, neo4j_env, tmp_path):
    d = _bytes_dir(tmp_path)
    with open(os.path.join(d, b"\xff\xfe-referat.txt"), "wb") as fh:
        fh.write(SMALL_SAMPLE.read_bytes())
    (Path(os.fsdecode(d)) / "good.txt").write_bytes(SMALL_SAMPLE.read_bytes() + b"\n")
    proc = subprocess.run([GRAPHBUILD, "ingest", os.fsdecode(d)], capture_output=True, timeout=300,
                          env={**os.environ, **neo4j_env})
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert "documents: 1 loaded" in out, out
    failed = [ln for ln in err.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and "\\xff\\xfe-referat.txt" in failed[0], err


# ------------------------------------------------------------------ 4: retract and replace leave no stale text
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

POOL = sorted((ROOT / "data" / "samples").glob("*.txt"))
COPY = len(POOL)  # index of a copy of the referat at another path: it shares the meeting and its agenda items


def _final_bytes(i: int) -> bytes:
    if i == COPY:  # a copy that words the shared agenda items and the meeting's place its own way
        text = REFERAT.read_text(encoding="utf-8").replace("Siden sidst", "Siden sidste møde")
        return text.replace("Pharmakon", "Pharmakon kursuscenter").encode("utf-8")
    return POOL[i].read_bytes()


def _first_version(i: int) -> bytes:
    """An earlier version that says other things about shared nodes (titles, the meeting's place)."""
    text = _final_bytes(i).decode("utf-8")
    text = text.replace("Siden sidst", "Nyt fra formanden").replace("Pharmakon", "Hotel Marienlyst")
    return (text.replace("Godkendelse", "Godkend.") + "\n" * 7).encode("utf-8")


def _name(i: int) -> str:
    return ("copy-" + REFERAT.name) if i == COPY else POOL[i].name


indices = st.sets(st.integers(0, COPY), min_size=1)


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(loaded={3, COPY}, replaced={COPY}, retracted={COPY})  # the probe: a shared item, a replaced copy
@example(loaded={0, 3, COPY}, replaced={3}, retracted={0})
@given(loaded=indices, replaced=indices, retracted=indices)
def test_retract_and_replace_leave_the_graph_of_a_clean_load(driver, tmp_path_factory, loaded, replaced, retracted):
    from conftest import wipe
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import file_digest, ingest
    from integration.test_faults import assert_same_graph, graph_dump

    replaced, retracted = replaced & loaded, retracted & loaded
    folder = tmp_path_factory.mktemp("versions")
    paths = {i: folder / _name(i) for i in loaded}
    for i in loaded:
        paths[i].write_bytes(_first_version(i) if i in replaced else _final_bytes(i))
    writer = GraphWriter(driver)
    wipe(driver)
    assert ingest([str(paths[i]) for i in sorted(loaded)], writer).ok
    for i in replaced:
        paths[i].write_bytes(_final_bytes(i))
    if replaced:
        report = ingest([str(paths[i]) for i in sorted(replaced)], writer)
        assert report.ok and len(report.replaced) == len(replaced), report
    for i in sorted(retracted):
        writer.retract_document(file_digest(paths[i]))
    got = graph_dump(driver)

    wipe(driver)
    remaining = sorted(set(loaded) - retracted)
    if remaining:
        assert ingest([str(paths[i]) for i in remaining], writer).ok
    else:
        GraphWriter(driver).load_reference_data(__import__("graphbuild.gazetteer", fromlist=["x"]).load_gazetteer())
    want = graph_dump(driver)
    assert_same_graph(got, want)


def test_a_replaced_version_does_not_resolve_the_people_of_its_successor(driver, tmp_path):
    """First version garbled (ø -> o, å -> aa), then the right one: the new version's people are resolved as
    a clean load would resolve them, not into the old version's 'Karsten Sondergaard'."""
    from conftest import wipe
    from graphbuild.db.load import GraphWriter
    from graphbuild.pipeline import ingest
    from integration.test_faults import assert_same_graph, graph_dump

    p = tmp_path / REFERAT.name
    p.write_bytes(REFERAT.read_text(encoding="utf-8").replace("ø", "o").replace("å", "aa").encode("utf-8"))
    writer = GraphWriter(driver)
    wipe(driver)
    assert ingest([str(p)], writer).ok
    p.write_bytes(REFERAT.read_bytes())
    assert ingest([str(p)], writer).replaced == [str(p.absolute())]
    got = graph_dump(driver)
    wipe(driver)
    assert ingest([str(p)], writer).ok
    assert_same_graph(got, graph_dump(driver))
