"""The network picture, on the sample site and on a synthetic site with 1,000 entities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import build_project, copy_project, screenshot
from tests.synthetic import write_articles, write_registry


@pytest.fixture(scope="module")
def large_url(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    root = copy_project(tmp_path_factory.mktemp("large") / "project")
    names = write_registry(root / "config" / "entities.yml", 1000)
    write_articles(root / "docs" / "articles", names, 40)
    return serve(build_project(root))


def test_graph_page_links_nodes_to_their_pages(page: object, sample_url: str) -> None:
    page.goto(sample_url + "graph/")  # type: ignore[attr-defined]
    assert page.locator("svg.kn-graph a").count() >= 10  # type: ignore[attr-defined]
    screenshot(page, "graph")
    page.locator("svg.kn-graph a", has_text="Yann LeCun").locator("circle").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/people/yann-lecun/")  # type: ignore[attr-defined]
    assert page.locator("svg.kn-graph a", has_text="Meta").count() == 1  # type: ignore[attr-defined]


def test_graph_stays_readable_with_1000_entities(page: object, large_url: str) -> None:
    page.goto(large_url + "graph/")  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    nodes = page.locator("svg.kn-graph a").count()  # type: ignore[attr-defined]
    assert 10 <= nodes <= 70, nodes
    screenshot(page, "graph-1000")
    page.locator("svg.kn-graph a.kn-graph__node--person circle").first.click()  # type: ignore[attr-defined]
    page.wait_for_url("**/people/**")  # type: ignore[attr-defined]
    assert page.locator("svg.kn-graph a").count() <= 11  # type: ignore[attr-defined]
