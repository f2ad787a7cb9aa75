"""The benchmarks run (their timings are reported, never asserted in tests)."""

from __future__ import annotations

from bench.linking import Setup, grown
from generator.analyse.registry import load_registry
from generator.read.articles import read_article
from generator.read.sections import split_sections
from tests.conftest import ROOT, SAMPLE_ARTICLE


def test_linking_benchmark_runs_on_both_registry_sizes() -> None:
    base = load_registry(ROOT / "config" / "entities.yml")
    large = grown(base, 200)
    assert len(large.entities) == 200
    assert len({e.id for e in large.entities}) == 200
    articles = [split_sections(read_article(SAMPLE_ARTICLE))]
    for registry in (base, large):
        setup = Setup(registry, articles)
        setup.time_once()
        result = setup.result()
        assert result["entries"] == len(registry.entities)
        assert result["total_s"] > 0
