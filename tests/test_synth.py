"""The synthetic corpus for benchmarks: deterministic, realistic size, and it builds."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.commands.cli import main
from generator.commands.synth import write_corpus
from generator.pipeline import Stopwatch, build_site
from generator.settings import load_settings


def digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in files)).hexdigest()


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    assert main(["synth", "5", str(tmp_path / "a")]) == 0
    assert main(["synth", "5", str(tmp_path / "b")]) == 0
    write_corpus(5, tmp_path / "c", seed=2)
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


def test_articles_have_realistic_size_and_a_growable_registry(tmp_path: Path) -> None:
    write_corpus(4, tmp_path, registry_size=10_000)
    registry = yaml.safe_load((tmp_path / "entities.yml").read_text(encoding="utf-8"))
    assert len(registry["entities"]) == 10_000
    assert len({e["name"] for e in registry["entities"]}) == 10_000
    for article in (tmp_path / "articles").glob("*.md"):
        text = article.read_text(encoding="utf-8")
        assert 700 <= len(text.split()) <= 1300
        assert 5 <= text.count("\n## ") <= 8
        assert "sagte" in text and "„" in text


def test_synthetic_corpus_builds_with_stage_timings(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project(sample=False)
    write_corpus(6, tmp_path / "corpus")
    for article in (tmp_path / "corpus" / "articles").glob("*.md"):
        (root / "docs" / "articles" / article.name).write_bytes(article.read_bytes())
    (root / "config" / "entities.yml").write_bytes((tmp_path / "corpus" / "entities.yml").read_bytes())
    watch = Stopwatch()
    site = build_site(load_settings(root / "mkdocs.yml"), watch)
    assert len(site.corpus.articles) == 6
    assert sum(len(a.quotes) for a in site.corpus.articles) >= 6
    assert set(watch.seconds) == {
        "read",
        "split",
        "classify",
        "recognise",
        "quotes",
        "render sections",
        "render pages",
    }
