"""Who is connected to whom: a weighted graph of people, companies and themes, as inline SVG.

Edges: co-mention (two entities in one section; weight = shared sections), affiliation
(a person and their company) and theme (an entity mentioned in sections of a theme). The
overview shows the themes and the most-mentioned entities only (`OVERVIEW_ENTITIES`), so it
stays readable with 1,000 entities; every entity page shows its own strongest neighbours.
Layout is computed at build time (deterministic force layout), so the site needs no script.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator import urls
from generator.analyse.themes import ThemeSet
from generator.model import Article
from generator.render.entity_pages import EntityFacts, page_of

OVERVIEW_ENTITIES = 60
NEIGHBOURS = 10
LABELLED = 30
"""Nodes with a visible label (themes and the biggest); the others show theirs on hover."""
AFFILIATION_WEIGHT = 3


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    kind: str
    """person, company, … (the entity type) or theme"""
    page: str
    """Source URI of its page."""
    size: int
    """Mentions (entities) or sections (themes)."""


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: Counter[tuple[str, str]] = field(default_factory=Counter)
    _index: dict[str, dict[str, int]] | None = field(default=None, repr=False, compare=False)
    """Per node: its neighbours and the position of their edge in `edges` (built on first use)."""

    def connect(self, a: str, b: str, weight: int = 1) -> None:
        if a != b:
            self.edges[(min(a, b), max(a, b))] += weight
            self._index = None

    def _adjacency(self) -> dict[str, dict[str, int]]:
        if self._index is None:
            index: dict[str, dict[str, int]] = {}
            for position, (a, b) in enumerate(self.edges):
                index.setdefault(a, {})[b] = position
                index.setdefault(b, {})[a] = position
            self._index = index
        return self._index

    def neighbours(self, key: str) -> Counter[str]:
        edges = self.edges
        return Counter(
            {other: edges[(min(key, other), max(key, other))] for other in self._adjacency().get(key, {})}
        )

    def subgraph(self, keys: Sequence[str]) -> Graph:
        """The nodes `keys` and the edges between them, in the order of `edges`. Looks only at
        the edges of those nodes, so an entity's neighbourhood costs its degree, not the graph."""
        wanted = set(keys)
        sub = Graph({k: self.nodes[k] for k in keys})
        adjacency = self._adjacency()
        found = {
            position: (min(a, b), max(a, b))
            for a in wanted
            for b, position in adjacency.get(a, {}).items()
            if b in wanted
        }
        sub.edges = Counter({edge: self.edges[edge] for _, edge in sorted(found.items())})
        return sub


def build_graph(articles: Sequence[Article], facts: dict[str, EntityFacts], themes: ThemeSet) -> Graph:
    graph = Graph()
    theme_sections: Counter[str] = Counter()
    for article in articles:
        for section in article.sections:
            if section.theme:
                theme_sections[section.theme] += 1
            present = sorted({m.entity for m in section.mentions})
            for index, entity_id in enumerate(present):
                for other in present[index + 1 :]:
                    graph.connect(entity_id, other)
                if section.theme:
                    graph.connect(entity_id, f"theme:{section.theme}")
    for theme in themes.all:
        if theme_sections[theme.key]:
            key = f"theme:{theme.key}"
            graph.nodes[key] = Node(
                key, theme.title, "theme", urls.theme_page(theme.key), theme_sections[theme.key]
            )
    for item in facts.values():
        entity = item.entity
        graph.nodes[entity.id] = Node(
            entity.id, entity.name, item.type.key, page_of(item), len(item.mentions)
        )
        if entity.affiliation:
            graph.connect(entity.id, entity.affiliation, AFFILIATION_WEIGHT)
    return graph


def overview(graph: Graph, limit: int = OVERVIEW_ENTITIES) -> Graph:
    """Themes and the `limit` most-mentioned entities that have a connection."""
    connected = {k for edge in graph.edges for k in edge}
    entities = sorted(
        (n for n in graph.nodes.values() if n.kind != "theme" and n.key in connected),
        key=lambda n: (-n.size, n.label),
    )[:limit]
    themes = [n for n in graph.nodes.values() if n.kind == "theme"]
    sub = graph.subgraph([n.key for n in themes + entities])
    linked = {k for edge in sub.edges for k in edge}
    return sub.subgraph([k for k in sub.nodes if k in linked])


def ego(graph: Graph, key: str, limit: int = NEIGHBOURS) -> Graph:
    """An entity with its `limit` strongest neighbours."""
    ranked = sorted(graph.neighbours(key).items(), key=lambda kv: (-kv[1], graph.nodes[kv[0]].label))
    return graph.subgraph([key, *(k for k, _ in ranked[:limit] if k in graph.nodes)])


# -- layout ---------------------------------------------------------------------------------


_LAYOUTS: dict[tuple[object, ...], dict[str, tuple[float, float]]] = {}


def layout(
    graph: Graph, width: float, height: float, iterations: int = 150
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold from a deterministic circle; node order gives the start.

    Remembered for the same graph within a process: `mkdocs serve` rebuilds after an edit that
    rarely changes the overview, and the layout takes half a second."""
    key = (tuple(graph.nodes.values()), tuple(graph.edges.items()), width, height, iterations)
    if key not in _LAYOUTS:
        if len(_LAYOUTS) >= 8:
            _LAYOUTS.clear()
        _LAYOUTS[key] = _layout(graph, width, height, iterations)
    return dict(_LAYOUTS[key])


def _layout(graph: Graph, width: float, height: float, iterations: int) -> dict[str, tuple[float, float]]:
    keys = sorted(graph.nodes, key=lambda k: (graph.nodes[k].kind != "theme", -graph.nodes[k].size, k))
    if not keys:
        return {}
    count = len(keys)
    pos = {
        k: [
            width / 2 + width / 3 * math.cos(2 * math.pi * i / count),
            height / 2 + height / 3 * math.sin(2 * math.pi * i / count),
        ]
        for i, k in enumerate(keys)
    }
    ideal = math.sqrt(width * height / count) * 0.8
    temperature = width / 10
    for _ in range(iterations):
        move = {k: [0.0, 0.0] for k in keys}
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                dist = max(math.hypot(dx, dy), 0.01)
                force = ideal * ideal / dist
                move[a][0] += dx / dist * force
                move[a][1] += dy / dist * force
                move[b][0] -= dx / dist * force
                move[b][1] -= dy / dist * force
        for (a, b), weight in graph.edges.items():
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = max(math.hypot(dx, dy), 0.01)
            force = dist * dist / ideal * min(1 + math.log(weight), 3)
            move[a][0] -= dx / dist * force
            move[a][1] -= dy / dist * force
            move[b][0] += dx / dist * force
            move[b][1] += dy / dist * force
        for k in keys:
            dx, dy = move[k]
            dist = max(math.hypot(dx, dy), 0.01)
            pos[k][0] = min(width - 60, max(60, pos[k][0] + dx / dist * min(dist, temperature)))
            pos[k][1] = min(height - 30, max(30, pos[k][1] + dy / dist * min(dist, temperature)))
        temperature *= 0.97
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in pos.items()}


def radial(graph: Graph, center: str, width: float, height: float) -> dict[str, tuple[float, float]]:
    """The entity in the middle, its neighbours on a circle, strongest first."""
    others = [k for k in graph.nodes if k != center]
    pos = {center: (width / 2, height / 2)}
    for i, key in enumerate(others):
        angle = 2 * math.pi * i / max(1, len(others)) - math.pi / 2
        pos[key] = (
            round(width / 2 + width * 0.36 * math.cos(angle), 1),
            round(height / 2 + height * 0.36 * math.sin(angle), 1),
        )
    return pos


# -- SVG ------------------------------------------------------------------------------------

COLOURS = {"theme": "#7e57c2", "person": "#1e88e5", "company": "#f4511e"}


def svg(
    graph: Graph, positions: dict[str, tuple[float, float]], page: str, width: int, height: int, title: str
) -> str:
    """Inline SVG; every node links to its page (URLs relative to `page`), all text escaped.

    Links use `xlink:href`: Material's instant navigation assigns `el.href` on every element
    with an `href` attribute, which throws on SVG links (their `href` is read-only).
    """
    heaviest = max(graph.edges.values(), default=1)
    biggest = max((n.size for n in graph.nodes.values()), default=1) or 1
    ranked = sorted(graph.nodes.values(), key=lambda n: (n.kind != "theme", -n.size, n.label))
    labelled = {n.key for n in ranked[:LABELLED]}
    parts = [
        f'<svg class="kn-graph" viewBox="0 0 {width} {height}" '
        f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">',
        f"<title>{html.escape(title)}</title>",
        '<g class="kn-graph__edges">',
    ]
    for (a, b), weight in sorted(graph.edges.items()):
        (x1, y1), (x2, y2) = positions[a], positions[b]
        stroke = 0.6 + 3.4 * weight / heaviest
        line = f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{stroke:.1f}">'
        parts.append(f"{line}<title>{weight}</title></line>")
    parts.append("</g>")
    parts.append('<g class="kn-graph__nodes">')
    for key in sorted(graph.nodes, key=lambda k: (graph.nodes[k].kind, k)):
        node = graph.nodes[key]
        x, y = positions[key]
        radius = 5 + 11 * math.sqrt(node.size / biggest)
        href = urls.site_url(page, node.page)
        colour = COLOURS.get(node.kind, "#43a047")
        label = html.escape(node.label)
        kind = html.escape(node.kind)
        parts.append(
            f'<a xlink:href="{html.escape(href)}" class="kn-graph__node kn-graph__node--{kind}">'
            f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="{colour}"><title>{label}</title></circle>'
            + (
                f'<text x="{x}" y="{y + radius + 14:.1f}" text-anchor="middle">{label}</text>'
                if key in labelled
                else ""
            )
            + "</a>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def overview_svg(graph: Graph) -> str:
    """The network page's picture: themes and the most-mentioned entities."""
    sub = overview(graph)
    width, height = 960, 640
    return svg(
        sub,
        layout(sub, width, height),
        urls.GRAPH,
        width,
        height,
        "Netzwerk der Personen, Unternehmen und Themen",
    )


def neighbourhood_svg(graph: Graph, item: EntityFacts) -> str:
    """An entity page's picture: the entity and its strongest neighbours."""
    key = item.entity.id
    sub = ego(graph, key)
    if len(sub.nodes) < 2:
        return ""
    width, height = 640, 400
    return svg(
        sub,
        radial(sub, key, width, height),
        page_of(item),
        width,
        height,
        f"{item.entity.name} und Verbindungen",
    )
