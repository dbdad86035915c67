"""Read-only web pages over the graph (`graphbuild serve`): search, person, body, municipality, meeting,
document (audit view) and network pages, Atom feeds of seat changes, and every page's data as CSV and JSON.

Starlette (ASGI) with server-side Jinja2 templates: no JavaScript, no front-end build. Every query runs in
a READ transaction and comes from queries/ (the saved reports, reused as they are, and queries/web/ for
what only the pages need), with user values as parameters only.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
