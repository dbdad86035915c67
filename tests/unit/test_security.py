"""Security without a server: no Cypher built from values, report names cannot escape the reports
folders, no credential is printed.  (Injection attempts, READ mode and the servers: tests/integration/test_security.py.)
"""
from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.db.reports import ReportError, get_report, list_reports

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "graphbuild"

# A first argument of .run() that is a plain variable is allowed only here, with the reason.
TRUSTED_STATEMENT_VARIABLES = {
    ("db/load.py", "stmt"): "one statement of cypher/schema.cypher (schema_statements()), a file in the repo",
    ("db/load.py", "text"): "statement(name), or grouped_statement(name) (db/grouped.py): the same cypher/ file "
                            "with the document id read from each row (r.doc_id) instead of $doc_id",
    ("db/reports.py", "cypher"): "a saved report's file text, or the user's own `graphbuild query` statement; "
                              "run in a READ transaction with every value passed as a parameter",
    ("db/reports.py", "explained"): "the same statement prefixed with EXPLAIN, so the server plans it (nothing runs) "
                                 "and graphbuild/db/guard.py can refuse LOAD CSV, transaction management, ...",
    ("web/store.py", "cypher"): "a saved report's file text or a queries/web/ file's (parse_report), run by the web "
                                "pages in a READ transaction with every value passed as a parameter",
}


# ------------------------------------------------------------------ static: no Cypher built from values
def _module_constants(tree: ast.Module) -> set[str]:
    """Module-level names bound to strings built only from literals and earlier such constants."""
    consts: set[str] = set()

    def const_expr(node) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (str, int))
        if isinstance(node, ast.Name):
            return node.id in consts
        if isinstance(node, ast.JoinedStr):
            return all(const_expr(v) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return const_expr(node.value)
        if isinstance(node, ast.BinOp):
            return const_expr(node.left) and const_expr(node.right)
        if isinstance(node, ast.Tuple):
            return all(const_expr(e) for e in node.elts)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # "...".replace("a", "b")
            return const_expr(node.func.value) and all(const_expr(a) for a in node.args) and not node.keywords
        return False

    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            if const_expr(stmt.value):
                consts.add(stmt.targets[0].id)
    return consts


def cypher_violations(source: str, filename: str) -> list[str]:
    """Every .run(...) call whose statement is not a literal, statement(...), a module constant or a trusted variable."""
    tree = ast.parse(source)
    consts = _module_constants(tree)
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run"):
            continue
        owner = node.func.value
        if isinstance(owner, ast.Name) and owner.id == "subprocess":
            continue
        if not node.args:
            continue
        first = node.args[0]
        ok = (
            (isinstance(first, ast.Constant) and isinstance(first.value, str))
            or (isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id == "statement"
                and len(first.args) == 1 and isinstance(first.args[0], (ast.Constant, ast.Name)))
            or (isinstance(first, ast.Name) and (first.id in consts or (filename, first.id) in TRUSTED_STATEMENT_VARIABLES))
        )
        if not ok:
            bad.append(f"{filename}:{node.lineno}: .run({ast.unparse(first)}, ...)")
    return bad


def test_no_cypher_is_built_from_values_in_the_package():
    problems = []
    for f in sorted(PACKAGE.rglob("*.py")):
        problems += cypher_violations(f.read_text(encoding="utf-8"), f.relative_to(PACKAGE).as_posix())
    assert problems == [], "Cypher must be a constant or a cypher/ file, with values as $parameters:\n" + "\n".join(problems)


# ------------------------------------------------------------------ static: the package has no Cypher of its own
LOADERS = ("statement", "eval_query")  # graphbuild/db/statements.py: cypher/<name>.cypher, queries/eval/<name>.cypher
_CYPHER_START = re.compile(r"^\s*(OPTIONAL\s+MATCH|MATCH|MERGE|CREATE|UNWIND|CALL|SHOW|RETURN|WITH|EXPLAIN|DETACH|DROP)\b")
# A string that starts like Cypher is allowed only here, with the reason.
CYPHER_PREFIXES = {("db/reports.py", "EXPLAIN "): "prefixes a report's or the user's statement so the server plans it",
                   ("db/guard.py", "SHOW "): "names the refused SHOW command in the one-line refusal"}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def inline_cypher(source: str, filename: str) -> list[str]:
    """Cypher written in Python: a .run(...) whose statement does not come from the statement loader
    (or an allow-listed variable), and any string (docstrings aside) that starts like a Cypher statement."""
    tree = ast.parse(source)
    docs, bad = _docstrings(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "run":
            if (isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess") or not node.args:
                continue
            first = node.args[0]
            loaded = isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id in LOADERS
            trusted = isinstance(first, ast.Name) and (filename, first.id) in TRUSTED_STATEMENT_VARIABLES
            if not (loaded or trusted):
                bad.append(f"{filename}:{node.lineno}: .run({ast.unparse(first)[:60]}, ...)")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
              and _CYPHER_START.match(node.value) and (filename, node.value) not in CYPHER_PREFIXES):
            bad.append(f"{filename}:{node.lineno}: a Cypher string {node.value.strip()[:60]!r}")
    return bad


def test_no_cypher_string_in_the_package_outside_the_statement_loader():
    problems = []
    for f in sorted(PACKAGE.rglob("*.py")):
        problems += inline_cypher(f.read_text(encoding="utf-8"), f.relative_to(PACKAGE).as_posix())
    assert problems == [], "Cypher belongs in cypher/ (or queries/), run through statement():\n" + "\n".join(problems)


@pytest.mark.parametrize("code", [
    'def f(tx):\n    tx.run("MATCH (n) RETURN count(n)")',
    'Q = "MATCH (n) RETURN n"\ndef f(s):\n    s.run(Q)',
    'def f(driver):\n    return run_read(driver, """\n  CALL () { MATCH (n) RETURN count(n) AS n }\n  RETURN *""", {})',
])
def test_the_inline_cypher_scanner_catches_cypher_in_python(code):
    assert inline_cypher(code, "example.py")


def test_the_inline_cypher_scanner_allows_the_loader():
    code = 'def f(tx, rows):\n    """MATCH is explained in cypher/."""\n    tx.run(statement("load_persons"), rows=rows)'
    assert inline_cypher(code, "example.py") == []


def test_trusted_variables_still_exist():
    """The allow-lists must not silently outlive the code they describe."""
    for (filename, var) in TRUSTED_STATEMENT_VARIABLES:
        assert re.search(rf"\.run\({var}\b", (PACKAGE / filename).read_text(encoding="utf-8")), (filename, var)
    for (filename, prefix) in CYPHER_PREFIXES:
        assert repr(prefix)[1:-1] in (PACKAGE / filename).read_text(encoding="utf-8"), (filename, prefix)


@pytest.mark.parametrize("code", [
    'def f(tx, name):\n    tx.run(f"MATCH (p {{name: \'{name}\'}}) RETURN p")',
    'def f(tx, name):\n    tx.run("MATCH (p {name: \'%s\'}) RETURN p" % name)',
    'def f(tx, name):\n    tx.run("MATCH (p) WHERE p.name = \'" + name + "\' RETURN p")',
    'def f(tx, name):\n    tx.run("MATCH (p) WHERE p.name = \'{}\' RETURN p".format(name))',
    'def f(session, name):\n    q = "MATCH (p) WHERE p.name = \'" + name + "\'"\n    session.run(q)',
    'import os\nQ = "MATCH (n:" + os.environ["L"] + ") RETURN n"\ndef f(tx):\n    tx.run(Q)',
])
def test_the_scanner_catches_built_cypher(code):
    assert cypher_violations(code, "example.py")


@pytest.mark.parametrize("code", [
    'def f(tx, name):\n    tx.run("MATCH (p {name: $name}) RETURN p", name=name)',
    'def f(tx, rows):\n    tx.run(statement("load_persons"), rows=rows)',
    'K = "n.x"\nQ = f"MATCH (n) RETURN {K}"\ndef f(tx):\n    tx.run(Q)',
    'import subprocess\nsubprocess.run(["ls", x])',
])
def test_the_scanner_allows_parameterised_cypher(code):
    assert cypher_violations(code, "example.py") == []


_PLACEHOLDER = re.compile(r"%s|%\(\w+\)|\{\d*\}|\{\s*[A-Za-z_]\w*\s*\}")


def _cypher_body(text: str) -> str:
    return "\n".join(ln.split("//", 1)[0] if not ln.lstrip().startswith("//") else "" for ln in text.splitlines())


@pytest.mark.parametrize("path", sorted((ROOT / "cypher").glob("*.cypher")) + sorted((ROOT / "queries").glob("*.cypher")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_statement_files_take_values_as_parameters(path):
    body = _cypher_body(path.read_text(encoding="utf-8"))
    assert not _PLACEHOLDER.search(body), f"{path}: a string-formatting placeholder: {_PLACEHOLDER.search(body).group(0)}"


@pytest.mark.parametrize("report", list_reports(), ids=lambda r: r.name)
def test_report_parameters_are_declared_and_used_as_parameters(report):
    body = _cypher_body(report.cypher)
    used = set(re.findall(r"\$([A-Za-z_]\w*)", body))
    declared = {p.name for p in report.params}
    assert used == declared, (report.name, used, declared)


@pytest.mark.parametrize("report", [r for r in list_reports() if any(p.type in ("int", "float", "date", "bool") for p in r.params)],
                         ids=lambda r: r.name)
def test_typed_parameters_refuse_injection_attempts(report):
    for p in report.params:
        if p.type in ("int", "float", "date", "bool"):
            given = {k: str(v) for k, v in report.example_params().items()}
            given[p.name] = "1' }) DETACH DELETE n //"
            with pytest.raises(ReportError, match=f"parameter {p.name!r} must be {p.type}"):
                report.convert(given)


# ------------------------------------------------------------------ report names stay inside the folders
@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", "who-represents/../../x", "WHO-REPRESENTS",
                                  "who represents", "who-represents.cypher", "~root", ""])
def test_report_names_cannot_escape(name):
    with pytest.raises(ReportError, match="unknown report"):
        get_report(name)


@pytest.mark.parametrize("command", ["run", "show"])
def test_report_path_traversal_through_the_cli(command):
    result = CliRunner().invoke(main, ["report", command, "../../etc/passwd"])
    assert result.exit_code == 2
    assert "unknown report '../../etc/passwd'" in result.output
    assert "root:" not in result.output


# ------------------------------------------------------------------ docker-compose and the env file
def test_docker_compose_binds_loopback_and_takes_the_password_from_an_uncommitted_env_file():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    lines = [ln.split("#", 1)[0].rstrip() for ln in text.splitlines()]
    ports, in_ports = [], False
    for ln in lines:
        if re.match(r"^\s+ports:\s*$", ln):
            in_ports = True
            continue
        if in_ports:
            m = re.match(r'^\s+-\s+"?([^"]+)"?\s*$', ln)
            if m:
                ports.append(m.group(1))
                continue
            in_ports = False
    assert ports, "no ports in docker-compose.yml"
    assert all(p.startswith("127.0.0.1:") for p in ports), ports
    assert any(re.match(r"^\s+env_file:\s*\.env\s*$", ln) for ln in lines)
    assert not re.search(r"NEO4J_AUTH\s*[:=]", "\n".join(lines)), "the password must come from .env, not the compose file"
    assert re.search(r"(?m)^\.env$", (ROOT / ".gitignore").read_text())
    tracked = subprocess.run(["git", "ls-files", ".env"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked.strip() == ""
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"(?m)^NEO4J_AUTH=neo4j/change-me", example)  # a placeholder, not a real password
