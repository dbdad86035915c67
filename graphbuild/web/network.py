"""The network page: the people and organizations around a person or a body, drawn on the server as SVG
(no script): the organizations on an inner ring, the people on an outer ring, a line per seat. Every
node is a link to its page."""
from __future__ import annotations

import math
from html import escape

from . import urls
from .page import NotFound, Page
from .store import Store, web_query

SIZE = 760
INNER, OUTER = 170, 330
NAME_MAX = 28


def _ring(keys: list[str], radius: float, turn: float = 0.0) -> dict[str, tuple[float, float]]:
    c = SIZE / 2
    n = max(len(keys), 1)
    return {k: (c + radius * math.cos(2 * math.pi * i / n + turn), c + radius * math.sin(2 * math.pi * i / n + turn))
            for i, k in enumerate(keys)}


def _short(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1] + "…"


def layout(rows: list[dict], centre: str) -> dict:
    """Positions of the organizations, the people and the lines between them (the centre in the middle)."""
    orgs = sorted({(r["org_id"], r["organization"], r["kind"]) for r in rows}, key=lambda o: o[1] or "")
    people = sorted({(r["person_id"], r["person"]) for r in rows}, key=lambda p: p[1] or "")
    pos = {}
    pos.update(_ring([o[0] for o in orgs if o[0] != centre], INNER))
    pos.update(_ring([p[0] for p in people if p[0] != centre], OUTER, turn=0.15))
    pos[centre] = (SIZE / 2, SIZE / 2)
    nodes = [dict(id=o[0], name=o[1], kind="org", url=urls.body_url(o[0], o[1]), xy=pos[o[0]]) for o in orgs]
    nodes += [dict(id=p[0], name=p[1], kind="person", url=urls.person_url(p[0], p[1]), xy=pos[p[0]]) for p in people]
    edges = [(pos[r["person_id"]], pos[r["org_id"]]) for r in rows]
    return dict(nodes=nodes, edges=edges)


def svg(drawing: dict, title: str) -> str:
    """The drawing as one SVG element; every text escaped."""
    xs = [n["xy"][0] for n in drawing["nodes"]] or [SIZE / 2]
    ys = [n["xy"][1] for n in drawing["nodes"]] or [SIZE / 2]
    x0, y0 = min(xs) - 110, min(ys) - 20  # room for the names under the nodes
    w, h = max(xs) - min(xs) + 220, max(ys) - min(ys) + 50
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0:.0f} {w:.0f} {h:.0f}" width="{w:.0f}" '
           f'height="{h:.0f}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for (x1, y1), (x2, y2) in drawing["edges"]:
        out.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa" stroke-width="1"/>')
    for n in drawing["nodes"]:
        x, y = n["xy"]
        shape = (f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14" fill="#2a6f97"/>' if n["kind"] == "org"
                 else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#c8553d"/>')
        out.append(f'<a href="{escape(n["url"])}" class="node-{n["kind"]}"><title>{escape(n["name"] or "")}</title>{shape}'
                   f'<text x="{x:.1f}" y="{y + 20:.1f}" text-anchor="middle" font-size="11">{escape(_short(n["name"] or ""))}</text></a>')
    out.append("</svg>")
    return "\n".join(out)


def network_page(store: Store, kind: str, segment: str) -> Page:
    if kind == "person":
        found = store.one("person", ids=urls.person_ids(segment))
        centre, name = (found["person_id"], found["name"]) if found else (None, None)
        back = urls.person_url(centre, name) if found else ""
    else:
        found = store.one("organization", ids=urls.candidates(segment))
        centre, name = (found["org_id"], found["name"]) if found else (None, None)
        back = urls.body_url(centre, name) if found else ""
    if not found:
        raise NotFound(f"no {kind} with the id in /network/{kind}/{segment}")
    rows = store.query("network", id=centre)
    page = Page("network", f"Network around {name}", urls.network_url(kind, back))
    page.add("links", web_query("network").columns, rows)
    page.context.update(svg=svg(layout(rows, centre), f"Network around {name}") if rows else "", back=back, name=name)
    return page
