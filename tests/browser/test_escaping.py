"""Text from articles, front matter, the registry and the theme file never runs as code."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from yaml import safe_dump

from tests.browser.conftest import build_project, build_with_backend, copy_project, screenshot

SCRIPT = "<script>window.__pwned = '{}'</script>"
IMG = '<img src="missing.png" onerror="window.__pwned = \'{}\'">'


def yaml(data: object) -> str:
    dumped = safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return dumped.removesuffix("...\n")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def hostile_project(root: Path) -> Path:
    """A copy of the site whose article, registry and themes carry markup and scripts."""
    copy_project(root)
    meta = {
        "title": f"Titel {SCRIPT.format('title')}",
        "date": "2025-06-01",
        "summary": f"Kurz {IMG.format('summary')}",
        "authors": [f"Autor {IMG.format('author')}"],
        "tags": [f"Tag {SCRIPT.format('tag')}"],
    }
    (root / "docs" / "articles" / "2025-06-01-boese.md").write_text(
        f"---\n{yaml(meta)}---\n\n## DeepSeek und Evil Corp\n\nDeepSeek traf Evil Corp und Arthur Mensch.\n",
        encoding="utf-8",
    )
    registry = root / "config" / "entities.yml"
    evil = {
        "name": "Evil Corp",
        "type": "company",
        "aliases": [f"Evil {IMG.format('alias')}"],
        "description": f"</script>{SCRIPT.format('jsonld')}",
    }
    registry.write_text(
        registry.read_text(encoding="utf-8") + "\n" + textwrap.indent(yaml([evil]), "  "), encoding="utf-8"
    )
    replace(registry, "role: CEO und Mitbegründer", "role: " + yaml("CEO " + IMG.format("role")).strip())
    themes = root / "config" / "themes.yml"
    replace(
        themes,
        "title: DeepSeeks Einfluss",
        f"title: {yaml('DeepSeeks Einfluss ' + SCRIPT.format('theme')).strip()}",
    )
    return root


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    return serve(build_project(hostile_project(tmp_path_factory.mktemp("hostile") / "project")))


@pytest.fixture(scope="module", params=["lunr", "pagefind"])
def hostile_search_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]
) -> str:
    root = hostile_project(tmp_path_factory.mktemp(f"hostile-{request.param}") / "project")
    return serve(build_with_backend(root, request.param))


PAGES = [
    "",
    "articles/",
    "articles/2025-06-01-boese/",
    "themes/",
    "themes/deepseek-einfluss/",
    "companies/",
    "companies/evil-corp/",
    "people/arthur-mensch/",
]


@pytest.mark.parametrize("path", PAGES)
def test_markup_in_inputs_is_shown_as_text_and_never_runs(page: object, hostile_url: str, path: str) -> None:
    page.goto(hostile_url + path)  # type: ignore[attr-defined]
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    assert page.evaluate("window.__pwned") is None  # type: ignore[attr-defined]
    assert page.locator("img[onerror]").count() == 0  # type: ignore[attr-defined]
    if path == "articles/2025-06-01-boese/":
        heading = page.locator("article h1").inner_text().rstrip("¶")  # type: ignore[attr-defined]
        assert heading == f"Titel {SCRIPT.format('title')}"
        screenshot(page, "escaping-article")
    if path == "companies/evil-corp/":
        body = page.locator("article").inner_text()  # type: ignore[attr-defined]
        assert IMG.format("alias") in body


@pytest.mark.parametrize(
    ("query", "shown"), [("Titel", SCRIPT.format("title")), ("Evil", IMG.format("alias"))]
)
def test_search_results_show_markup_as_text(
    page: object, hostile_search_url: str, query: str, shown: str
) -> None:
    page.goto(hostile_search_url)  # type: ignore[attr-defined]
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__list > .md-search-result__item")  # type: ignore[attr-defined]
    results.first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    text = page.locator(".md-search-result__list").inner_text()  # type: ignore[attr-defined]
    assert shown.split("=")[0] in text, text  # the markup is shown as text ...
    assert page.evaluate("window.__pwned") is None  # type: ignore[attr-defined]  # ... and never runs
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0  # type: ignore[attr-defined]
