"""Where the project's own folders (cypher/, queries/) are, in a source checkout or an installed package."""
from __future__ import annotations

from pathlib import Path

from .errors import GraphbuildError


def project_folder(name: str) -> Path:
    """`name` next to the package (checkout, editable install) or shipped inside it."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / name, here / name):
        if candidate.is_dir():
            return candidate
    raise GraphbuildError(f"cannot find the {name}/ folder next to the graphbuild package")
