from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import build_site
from generator.render.graph import OVERVIEW_ENTITIES, build_graph, ego, overview, overview_svg
from generator.settings import load_settings
from tests.synthetic import write_articles, write_registry
from tests.test_pages import fixture_settings


def test_graph_of_the_fixture_corpus() -> None:
    site = build_site(fixture_settings())
    graph = build_graph(site.corpus.articles, site.entities, site.corpus.themes)
    assert graph.edges[("meta", "yann-lecun")] >= 3  # affiliation, plus a shared section
    assert ("deepseek", "theme:deepseek-einfluss") in graph.edges
    assert graph.nodes["theme:zukunft-offener-ki"].kind == "theme"
    neighbours = ego(graph, "yann-lecun")
    assert "meta" in neighbours.nodes and len(neighbours.nodes) <= 11


def test_pictures_link_every_node_and_escape_labels() -> None:
    site = build_site(fixture_settings())
    graph = build_graph(site.corpus.articles, site.entities, site.corpus.themes)
    graph.nodes["deepseek"] = graph.nodes["deepseek"].__class__(
        "deepseek", "<script>alert(1)</script>", "company", "companies/deepseek.md", 3
    )
    picture = overview_svg(graph)
    assert "<script>" not in picture and "&lt;script&gt;" in picture
    assert 'xlink:href="../companies/deepseek/"' in picture
    assert picture == overview_svg(graph)  # deterministic


@pytest.mark.build
def test_overview_stays_small_with_1000_entities(project: Callable[..., Path]) -> None:
    root = project(sample=False)
    names = write_registry(root / "config" / "entities.yml", 1000)
    write_articles(root / "docs" / "articles", names, 60)
    settings = load_settings(root / "mkdocs.yml")
    start = time.perf_counter()
    site = build_site(settings, inline_html=True)  # the entity pages' lists as HTML, in the page
    elapsed = time.perf_counter() - start
    graph_page = next(p for p in site.pages if p.src_uri == "graph/index.md")
    nodes = re.findall(r'class="kn-graph__node kn-graph__node--(\w+)"', graph_page.content)
    assert len([kind for kind in nodes if kind != "theme"]) == OVERVIEW_ENTITIES
    entity_page = next(p for p in site.pages if p.src_uri.startswith("people/") and "kn-graph" in p.content)
    assert len(re.findall(r"<circle", entity_page.content)) <= 11
    print(f"generator for 60 articles and 1,000 entities: {elapsed:.1f} s")
    assert len(overview(build_graph(site.corpus.articles, site.entities, site.corpus.themes)).nodes) <= 65
