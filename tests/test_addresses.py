"""Every page at its own address; every link an editor wrote leads to a page, a file or an anchor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.analyse.registry import load_registry
from generator.analyse.themes import load_themes
from generator.errors import GeneratorError
from generator.pipeline import build_site
from generator.render.addresses import generated_uris
from tests.conftest import ROOT
from tests.test_pages import FIXTURE_SITE, fixture_settings


def test_generated_pages_an_editor_may_link_to() -> None:
    uris = generated_uris(
        load_registry(ROOT / "config" / "entities.yml"), load_themes(ROOT / "config" / "themes.yml")
    )
    assert {
        "index.md",
        "themes/index.md",
        "people/arthur-mensch.md",
        "companies/index.md",
        "graph/index.md",
    } <= uris
    assert "themes/open-source-vorteile.md" in uris


def site_with(tmp_path: Path, body: str) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE_SITE, docs)
    (docs / "articles" / "2025-04-01-links.md").write_text(
        f"---\ntitle: Links\ndate: 2025-04-01\n---\n\n## Teil\n\n{body}\n", encoding="utf-8"
    )
    return docs


@pytest.mark.parametrize(
    "body",
    [
        "[Person](../people/arthur-mensch.md) und [Themen](../themes/index.md)",
        "[Abschnitt](2025-03-01-open-models-lower-barriers.md#a-paradigm-shift) und [hier](#teil)",
        "![Logo](logo.png)",
    ],
)
def test_links_that_lead_somewhere_build(tmp_path: Path, body: str) -> None:
    docs = site_with(tmp_path, body)
    build_site(fixture_settings(docs_dir=docs, articles_dir=docs / "articles", home_file=docs / "index.md"))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[weg](2025-01-01-gibt-es-nicht.md)", "which does not exist"),
        ("[Anker](2025-03-01-open-models-lower-barriers.md#kein-anker)", "points to #kein-anker"),
        ("[raus](../../geheim.txt)", "leads out of the docs folder"),
    ],
)
def test_links_that_lead_nowhere_name_file_and_line(tmp_path: Path, body: str, words: str) -> None:
    docs = site_with(tmp_path, body)
    settings = fixture_settings(docs_dir=docs, articles_dir=docs / "articles", home_file=docs / "index.md")
    with pytest.raises(GeneratorError, match=words) as info:
        build_site(settings)
    assert info.value.path == docs / "articles" / "2025-04-01-links.md" and info.value.line == 8
