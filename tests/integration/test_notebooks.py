"""The notebooks run top to bottom (nbclient) against the ingested samples and write their
figures as PNG; a cell error fails the test.  The kernel is the interpreter running pytest,
through a throw-away kernelspec, so a fresh `pip install -e .[dev]` venv is all it needs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "graphbuild-test"

EXPECTED_PNGS = {
    "explore.ipynb": ["municipalities-bodies.png", "party-balance.png"],
    "appointments.ipynb": ["person-timeline.png", "seat-timeline.png"],
}


@pytest.fixture
def kernel_env(tmp_path, monkeypatch, neo4j_env):
    """A kernelspec for this very interpreter, and the connection + output folder in the env."""
    spec_dir = tmp_path / "jupyter" / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "graphbuild test kernel", "language": "python",
    }), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    for k, v in neo4j_env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    out = tmp_path / "out"
    monkeypatch.setenv("GRAPHBUILD_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED_PNGS))
def test_notebook_runs_and_writes_figures(samples_graph, kernel_env, name):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=600,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    for png in EXPECTED_PNGS[name]:
        path = kernel_env / png
        assert path.exists(), f"{name} did not write {png}"
        data = path.read_bytes()
        assert len(data) > 1000 and data.startswith(b"\x89PNG"), path
