"""The per-article cache: reused while nothing it depends on changed, and the same result."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.pipeline import Stopwatch, analyse, build_site
from generator.settings import load_settings
from tests.conftest import fixture_corpus


def pages(root: Path) -> dict[str, str]:
    return {p.src_uri: p.content for p in build_site(load_settings(root / "mkdocs.yml")).pages}


def test_cache_gives_the_same_site_and_reanalyses_only_what_changed(project: Callable[..., Path]) -> None:
    root = project(fixture_corpus())
    settings = load_settings(root / "mkdocs.yml")
    assert settings.cache_dir == root / ".cache" / "knowledge"
    cold = pages(root)
    assert len(list(settings.cache_dir.glob("*.pickle"))) == 3

    watch = Stopwatch()
    analyse(settings, watch=watch)
    assert "split" not in watch.seconds  # every article came from the cache
    assert pages(root) == cold

    article = root / "docs" / "articles" / "2025-03-01-open-models-lower-barriers.md"
    article.write_text(article.read_text(encoding="utf-8").replace("start-ups", "DeepSeek"), encoding="utf-8")
    watch = Stopwatch()
    corpus = analyse(settings, watch=watch)
    assert watch.seconds["split"] > 0
    assert any(
        "DeepSeek" in s.markdown
        for a in corpus.articles
        for s in a.sections
        if a.stem.startswith("2025-03-01")
    )
    assert len(list(settings.cache_dir.glob("*.pickle"))) == 3  # the old analysis was pruned


def test_a_registry_change_invalidates_every_article(project: Callable[..., Path]) -> None:
    root = project()
    settings = load_settings(root / "mkdocs.yml")
    analyse(settings)
    registry = root / "config" / "entities.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("  - name: Modulus\n", "  - name: Modulus Global\n    aliases: [Modulus]\n")
    registry.write_text(
        text.replace("affiliation: Modulus\n", "affiliation: Modulus Global\n"), encoding="utf-8"
    )
    watch = Stopwatch()
    corpus = analyse(settings, watch=watch)
    assert watch.seconds["split"] > 0
    mentions = {m.entity for a in corpus.articles for s in a.sections for m in s.mentions}
    assert "modulus-global" in mentions and "modulus" not in mentions


def test_a_file_in_the_caches_place_is_a_clear_error(project: Callable[..., Path]) -> None:
    root = project()
    (root / ".cache").write_text("kein Ordner", encoding="utf-8")
    with pytest.raises(GeneratorError, match="cannot write the cache of analysed articles: Not a directory"):
        analyse(load_settings(root / "mkdocs.yml"))


def test_a_change_of_link_mode_or_extensions_renders_again(project: Callable[..., Path]) -> None:
    root = project()
    settings = load_settings(root / "mkdocs.yml")
    analyse(settings)
    again = dataclasses.replace(settings, link_mode="all")
    (article,) = analyse(again).articles
    html = "".join(text for section in article.sections for kind, text in section.body if kind == "html")
    assert html.count('title="Mistral AI"') > len(
        article.sections
    )  # every mention, not the cached first ones


def test_memory_keeps_the_last_builds_analyses_and_forgets_changed_ones(project: Callable[..., Path]) -> None:
    root = project(fixture_corpus())
    settings = load_settings(root / "mkdocs.yml")
    memory: dict[str, object] = {}
    first = analyse(settings, memory=memory)  # type: ignore[arg-type]
    assert len(memory) == 3
    for pickled in settings.cache_dir.glob("*.pickle"):
        pickled.unlink()  # what memory holds is not read from disk again
    watch = Stopwatch()
    again = analyse(settings, watch=watch, memory=memory)  # type: ignore[arg-type]
    assert "split" not in watch.seconds
    assert again.articles == first.articles
    article = root / "docs" / "articles" / "2025-03-01-open-models-lower-barriers.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nNeu.\n", encoding="utf-8")
    before = set(memory)
    watch = Stopwatch()
    analyse(settings, watch=watch, memory=memory)  # type: ignore[arg-type]
    assert watch.seconds["split"] > 0
    assert len(memory) == 3 and len(set(memory) - before) == 1  # the old analysis is forgotten
