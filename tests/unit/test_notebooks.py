"""The notebooks are committed without outputs.  (They run against the ingested samples in
tests/integration/test_notebooks.py.)
"""
from __future__ import annotations

from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

EXPECTED_PNGS = {
    "explore.ipynb": ["municipalities-bodies.png", "party-balance.png"],
    "appointments.ipynb": ["person-timeline.png", "seat-timeline.png"],
}


def test_notebooks_are_committed_without_outputs():
    import nbformat

    for name in EXPECTED_PNGS:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{name} has outputs"
                assert "MATCH" not in cell.source, f"{name}: Cypher belongs in queries/, not the notebook"
