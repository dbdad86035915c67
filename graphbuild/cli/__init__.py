"""graphbuild's command line: the `main` group (base.py) and one module per group of commands, each adding
its commands to `main` when imported here."""
from __future__ import annotations

from . import accuracy, export, ingest, read, reports, review, serve, server  # noqa: F401  (they register their commands)
from .base import main

__all__ = ["main"]
