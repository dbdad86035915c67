"""The Starlette application: routes, the 404 page, CSV and JSON of every page, the Atom feeds.

Every route answers GET (and HEAD) only; nothing writes. Pages take their ids from the path and the
search text from ?q=, and both reach Neo4j only as parameters."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable, Optional

import neo4j
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from . import feeds
from .document import document_page
from .network import network_page
from .page import NotFound, Page
from .pages import body_page, meeting_page, municipality_page, person_page
from .search import search_page
from .store import Store

TEMPLATES = Path(__file__).resolve().parent / "templates"
BUILDERS: dict[str, Callable[[Store, str], Page]] = {
    "person": person_page, "body": body_page, "municipality": municipality_page,
    "meeting": meeting_page, "document": document_page,
    "network/person": lambda s, seg: network_page(s, "person", seg),
    "network/body": lambda s, seg: network_page(s, "body", seg),
}
# No script anywhere; styles inline in the page; images only from here.
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "xml"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = lambda v: "" if v is None else ("; ".join(map(str, v)) if isinstance(v, list) else v)
    return env


def to_csv(table) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=table.columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in table.plain_rows():
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def _json(page: Page) -> Response:
    return Response(json.dumps(page.data(), ensure_ascii=False, indent=1), media_type="application/json", headers=HEADERS)


def _csv(table) -> Response:
    return Response(to_csv(table), media_type="text/csv; charset=utf-8", headers=HEADERS)


class Site:
    """The endpoints. Plain (not async) ones: Starlette runs them in its thread pool, so a page waiting
    for Neo4j does not hold up the others."""

    def __init__(self, store: Store):
        self.store, self.env = store, environment()

    def html(self, template: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(template).render(**context), status_code=status, headers=HEADERS)

    def build(self, kind: str, request: Request) -> Page:
        try:
            return self.store.reading(lambda reader: BUILDERS[kind](reader, request.path_params["seg"]))
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None

    def page_routes(self, kind: str) -> list[Route]:
        def view(request: Request):
            page = self.build(kind, request)
            return self.html(f"{page.kind}.html", page=page, **page.context)

        def as_json(request: Request):
            return _json(self.build(kind, request))

        def as_csv(request: Request):
            page = self.build(kind, request)
            table = page.tables.get(request.path_params["table"])
            if table is None:
                raise HTTPException(404, f"the page {page.url} has no table {request.path_params['table']!r}")
            return _csv(table)
        return [Route(f"/{kind}/{{seg}}.json", as_json), Route(f"/{kind}/{{seg}}/{{table}}.csv", as_csv),
                Route(f"/{kind}/{{seg}}", view)]

    def search(self, request: Request):
        fmt = request.path_params.get("fmt")
        if fmt not in (None, "json", "csv"):
            raise HTTPException(404, f"no search results as {fmt!r}: .json or .csv")
        page = search_page(self.store, request.query_params.get("q", ""))
        if fmt == "json":
            return _json(page)
        if fmt == "csv":
            return _csv(page.tables["hits"])
        return self.html("search.html", page=page, **page.context)

    def feed(self, request: Request):
        base = str(request.base_url).rstrip("/")
        kind, seg = request.path_params["kind"], request.path_params["seg"]
        try:
            data = self.store.reading(lambda reader: feeds.feed(reader, kind, seg, base))
        except NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(self.env.get_template("feed.xml").render(feed=data),
                        media_type="application/atom+xml; charset=utf-8", headers=HEADERS)

    async def error(self, request: Request, exc: Exception):
        """The error page: 404 and 405 say why; anything else (the database went away) says no more."""
        status = getattr(exc, "status_code", 500)
        if isinstance(exc, (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired)):
            status, message = 503, "The graph database cannot be reached just now."
        else:
            message = exc.detail if status in (404, 405) else "This page cannot be shown."
        return self.html("error.html", status=status, status_code=status, message=message,
                         page=Page("error", f"{status}", str(request.url.path)))


def create_app(driver: neo4j.Driver, database: Optional[str] = None) -> Starlette:
    site = Site(Store(driver, database))
    routes = [Route("/", site.search), Route("/search", site.search), Route("/search.{fmt:str}", site.search),
              Route("/feed/{kind:str}/{seg}.atom", site.feed)]
    for kind in BUILDERS:
        routes += site.page_routes(kind)
    return Starlette(routes=routes, exception_handlers={HTTPException: site.error, Exception: site.error})
