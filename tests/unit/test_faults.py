"""Faults without a server: no server at the URI, or a URI that cannot be used, is one clear line
naming the URI and the cause.  (Faults against real servers: tests/integration/test_faults.py.)
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, free_port
from graphbuild.cli import main
GRAPHBUILD = str(Path(sys.executable).with_name("graphbuild"))


# ------------------------------------------------------------------ no server, wrong password
def test_no_server_is_one_line(tmp_path):
    uri = f"bolt://127.0.0.1:{free_port()}"
    proc = subprocess.run([GRAPHBUILD, "--uri", uri, "--password", "x", "ingest", str(SAMPLES)],
                          capture_output=True, text=True, timeout=60)  # a hang fails here
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and uri in err[0] and "not reachable" in err[0], proc.stderr
    assert err[0].endswith("Connection refused"), err[0]  # the cause, not just "couldn't connect"
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("uri, cause", [
    ("bolt://nonexistent.invalid:7687", "is not reachable: Cannot resolve address nonexistent.invalid:7687"),
    ("http://127.0.0.1:7474", "cannot use Neo4j URI 'http://127.0.0.1:7474': URI scheme 'http' is not supported"),
])
def test_bad_uri_is_one_line(uri, cause):
    result = CliRunner().invoke(main, ["--uri", uri, "--password", "x", "summary"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and cause in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
