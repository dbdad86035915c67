"""Small drawing helpers for the notebooks (matplotlib, imported only when drawing).

- party colours: each party letter in its customary colour, "(unknown)" in grey, so a seat whose
  party the documents do not give never looks like a party's seat;
- quote_around: a long source line cut around the person's name, not before it;
- draw_bipartite: two columns of nodes whose labels sit outside the columns and are never clipped.
"""
from __future__ import annotations

import textwrap
from typing import Iterable, Sequence

from .output import quote_around  # noqa: F401  (the notebooks import it from here)

UNKNOWN = "(unknown)"
UNKNOWN_COLOUR = "#b0b0b0"  # grey: no party stated

# The parties' customary colours (as on Danish ballots and in the press), adjusted so that no two
# are alike; national party letters as in graphbuild/data/parties.csv.
PARTY_COLOURS = {
    "A": "#c8102e",  # Socialdemokratiet: red
    "B": "#733280",  # Radikale Venstre: purple
    "C": "#00583c",  # Det Konservative Folkeparti: dark green
    "D": "#127b7f",  # Nye Borgerlige: teal
    "F": "#e07ea8",  # SF: pink
    "I": "#3fb2be",  # Liberal Alliance: turquoise
    "K": "#8b5a2b",  # Kristendemokraterne: brown
    "M": "#c77dff",  # Moderaterne: violet
    "O": "#eac73e",  # Dansk Folkeparti: yellow
    "V": "#1f4e9c",  # Venstre: dark blue
    "Æ": "#7fb3e0",  # Danmarksdemokraterne: light blue
    "Ø": "#e6801a",  # Enhedslisten: orange
    "Å": "#6ab023",  # Alternativet: light green
}
# Local lists and anything else: distinct from the above and from grey.
OTHER_COLOURS = ["#637939", "#d6616b", "#000000", "#7f0000", "#9467bd", "#808000", "#4d004b", "#31a354"]


def party_colours(parties: Iterable[str]) -> dict[str, str]:
    """A colour for each party label (letter or name): customary colours for national letters, grey
    for "(unknown)" (or an empty label), distinct others for local lists, in a stable order."""
    out: dict[str, str] = {}
    others = iter(OTHER_COLOURS * 4)
    for p in sorted(set(parties), key=lambda x: (x in ("", UNKNOWN, None), str(x))):
        if p in ("", UNKNOWN, None):
            out[p] = UNKNOWN_COLOUR
        elif p in PARTY_COLOURS:
            out[p] = PARTY_COLOURS[p]
        else:
            out[p] = next(others)
    return out


def draw_bipartite(ax, graph, left: Sequence[str], right: Sequence[str], *, left_colour="#8ecae6",
                   right_colour="#ffb703", edge_styles=None, font_size=7, wrap=46):
    """Left nodes in a column at x=0 with their labels to the left, right nodes at x=1 with labels to
    the right (long names wrapped). Labels are not clipped, so a saved figure with
    bbox_inches="tight" shows them whole. `edge_styles`: {edge attribute value of "how": dict of
    draw_networkx_edges keywords}. Returns the label Text artists."""
    import networkx as nx

    def column(nodes, x):
        n = max(1, len(nodes))
        return {v: (x, 1 - (i + 0.5) / n) for i, v in enumerate(nodes)}

    pos = {**column(list(left), 0.0), **column(list(right), 1.0)}
    for how, style in (edge_styles or {None: {}}).items():
        edges = [(a, b) for a, b, d in graph.edges(data=True) if how is None or d.get("how") == how]
        nx.draw_networkx_edges(graph, pos, edgelist=edges, ax=ax, **style)
    nx.draw_networkx_nodes(graph, pos, nodelist=list(left), node_color=left_colour, node_size=120, ax=ax)
    nx.draw_networkx_nodes(graph, pos, nodelist=list(right), node_color=right_colour, node_size=220,
                           node_shape="s", ax=ax)
    labels = []
    for v in left:
        x, y = pos[v]
        labels.append(ax.text(x - 0.02, y, textwrap.fill(str(v), wrap), ha="right", va="center",
                              fontsize=font_size, clip_on=False))
    for v in right:
        x, y = pos[v]
        labels.append(ax.text(x + 0.02, y, textwrap.fill(str(v), wrap), ha="left", va="center",
                              fontsize=font_size, clip_on=False))
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return labels
