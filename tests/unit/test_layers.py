"""The stages keep to their layers (the openstates split): extraction never talks to the database, loading
never parses text or resolves. Read from the source's import statements, so a new import that crosses a
line fails here before it becomes a habit."""
from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "graphbuild"

# stage -> the stages and libraries it must not import
FORBIDDEN = {
    "db": {"resolve", "nlp", "meeting", "text", "read", "structure", "pipeline", "spacy", "evaluate", "web"},
    "resolve": {"db", "neo4j", "nlp", "meeting", "read", "structure", "pipeline", "web"},
    "nlp": {"db", "neo4j", "resolve", "pipeline", "web"},
    "meeting": {"db", "neo4j", "resolve", "nlp", "pipeline", "web", "spacy"},
    "text": {"db", "neo4j", "resolve", "nlp", "pipeline", "web", "spacy"},
    "read": {"db", "neo4j", "resolve", "nlp", "pipeline", "web", "spacy"},
    "structure": {"db", "neo4j", "resolve", "nlp", "pipeline", "web"},
    "model": {"db", "neo4j", "resolve", "nlp", "meeting", "text", "read", "structure", "pipeline", "web"},
    "web": {"resolve", "nlp", "meeting", "pipeline", "spacy"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every module a file imports, absolute ('graphbuild.db.rows', 'neo4j')."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                if node.level else node.module or ""
            found.add(base)
            if not node.module:  # from . import x: x may be a module
                found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _stage(module: str) -> str:
    """'graphbuild.db.rows' -> 'db'; 'graphbuild.read' -> 'read'; 'neo4j.exceptions' -> 'neo4j'."""
    parts = module.split(".")
    return parts[1] if parts[0] == "graphbuild" and len(parts) > 1 else parts[0]


def _files(stage: str) -> list[Path]:
    folder = PACKAGE / stage
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{stage}.py"]


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stage_keeps_to_its_layer(stage):
    crossings = sorted(
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in _files(stage)
        for module in _imported(path)
        if _stage(module) in FORBIDDEN[stage]
    )
    assert crossings == []


def test_the_scan_sees_relative_imports():
    """The check above could pass by reading nothing: make sure it resolves '..x' forms."""
    imports = _imported(PACKAGE / "db" / "rows.py")
    assert "graphbuild.slug" in imports and "graphbuild.model" in imports
