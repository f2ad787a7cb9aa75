"""Golden tests of whole generated pages, from a small fixture corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.adapters.export import export_site
from generator.pipeline import build_site
from generator.settings import Settings
from tests.conftest import FIXTURES, GOLDEN, NAV, ROOT, assert_golden

FIXTURE_SITE = FIXTURES / "site"


def fixture_settings(**overrides: object) -> Settings:
    settings = Settings(
        docs_dir=FIXTURE_SITE,
        articles_dir=FIXTURE_SITE / "articles",
        themes_file=ROOT / "config" / "themes.yml",
        registry_file=ROOT / "config" / "entities.yml",
        templates_dir=ROOT / "templates",
        home_file=FIXTURE_SITE / "index.md",
    )
    return Settings(**{**settings.__dict__, **overrides})  # type: ignore[arg-type]


PAGES = {page.src_uri: page for page in build_site(fixture_settings(), inline_html=True).pages}


def test_page_list() -> None:
    assert sorted(PAGES) == [
        "articles/2025-02-10-deepseek-erschuettert-die-boerse.md",
        "articles/2025-03-01-open-models-lower-barriers.md",
        "articles/index.md",
        "companies/deepseek.md",
        "companies/google.md",
        "companies/index.md",
        "companies/meta.md",
        "companies/mistral-ai.md",
        "companies/modulus.md",
        "companies/nvidia.md",
        "companies/openai.md",
        "graph/index.md",
        "index.md",
        "people/arthur-mensch.md",
        "people/index.md",
        "people/richard-gardner.md",
        "people/yann-lecun.md",
        "quotes/index.md",
        "themes/deepseek-einfluss.md",
        "themes/index.md",
        "themes/mistral-strategie.md",
        "themes/open-source-vorteile.md",
        "themes/weitere-themen.md",
        "themes/zukunft-offener-ki.md",
    ]


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_generated_page_matches_golden(src_uri: str) -> None:
    assert_golden(PAGES[src_uri].content, GOLDEN / "pages" / src_uri)


def test_theme_page_lists_newest_article_first() -> None:
    content = PAGES["themes/zukunft-offener-ki.md"].content
    assert content.index("## A paradigm shift") < content.index("## Was das für Mistral AI heißt")


def test_nav_has_a_fixed_shape() -> None:
    nav = build_site(fixture_settings()).nav
    assert [item.title for item in nav] == NAV[:-1]  # the fixture site has no guide
    assert [child.title for child in nav[1].children] == [
        "Übersicht",
        "Die Vorteile von Open Source",
        "Die Strategie von Mistral AI",
        "DeepSeeks Einfluss",
        "Die Zukunft offener KI",
        "Weitere Themen",
    ]


def test_home_lists_only_the_latest(tmp_path: Path) -> None:
    pages = {p.src_uri: p for p in build_site(fixture_settings(latest=1)).pages}
    home = pages["index.md"].content
    assert "Open models lower the barriers" in home
    assert "DeepSeek erschüttert" not in home
    assert "[Alle Artikel (2)](articles/index.md)" in home


def test_export_writes_the_same_pages(tmp_path: Path) -> None:
    site = build_site(fixture_settings(), inline_html=True)
    assert export_site(site, tmp_path / "out", fixture_settings(config_file=ROOT / "mkdocs.yml")) == len(
        site.pages
    )
    for page in site.pages:
        assert (tmp_path / "out" / "docs" / page.src_uri).read_text(encoding="utf-8") == page.content


@pytest.mark.parametrize("summary", ["1. FC Köln gewinnt", "- - -", "-- --", "# Kein Titel", "A | B"])
def test_a_summary_starting_like_a_block_reads_as_written(tmp_path: Path, summary: str) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    article = next((docs / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", f"---\nsummary: '{summary}'\n", 1), encoding="utf-8")
    settings = fixture_settings(docs_dir=docs, articles_dir=docs / "articles", home_file=docs / "index.md")
    pages = {p.src_uri: p for p in build_site(settings).pages}
    for src_uri in ("articles/index.md", f"articles/{article.name}"):
        body = pages[src_uri].content.split("\n---\n", 1)[-1]  # after the front matter
        html = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
        texts = [element.get_text() for element in BeautifulSoup(html, "html.parser").find_all(["p", "li"])]
        assert any(summary in text for text in texts), (src_uri, html)
        assert "<ol>" not in html and "<hr" not in html and "<table>" not in html
