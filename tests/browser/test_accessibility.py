"""Readable by every reader: axe-core (4.x, from axe-playwright-python) finds no serious or
critical violation on any page type, in either colour scheme, Material's own elements included."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "",
    "themes/deepseek-einfluss/",
    "articles/2025-03-04-open-source-motor-fuer-ki-fortschritt/",
    "people/arthur-mensch/",
    "companies/mistral-ai/",
    "companies/",
    "quotes/",
    "graph/",
    "anleitung/",
]
AXE = Axe()


@pytest.fixture(params=["light", "dark"])
def context_options(request: pytest.FixtureRequest) -> dict[str, object]:
    return {"viewport": {"width": 1280, "height": 900}, "locale": "de-DE", "color_scheme": request.param}


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page: object, sample_url: str, path: str) -> None:
    page.goto(sample_url + path)  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    violations = AXE.run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def test_entity_links_are_recognisable_without_colour(page: object, sample_url: str) -> None:
    page.goto(sample_url + PAGES[2])  # type: ignore[attr-defined]
    link = page.locator("article a.entity-link").first  # type: ignore[attr-defined]
    style = link.evaluate(
        "a => getComputedStyle(a).textDecorationLine + ' ' + getComputedStyle(a).textDecorationStyle"
    )
    assert style == "underline dotted"
