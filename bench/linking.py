"""Benchmark: entity recognition and linking with 10 vs 10,000 registry entries.

Same articles, same real entries; the large registry adds synthetic people and
companies that never occur in the text. Run with `make bench-linking`.
Prints a table and writes bench/linking.json.
"""

from __future__ import annotations

import json
import platform
import random
import sys
import time
from pathlib import Path

from generator.analyse.mentions import find_mentions
from generator.analyse.recognise import Recognizer
from generator.analyse.registry import Entity, Registry, load_registry
from generator.model import Article
from generator.read.articles import read_article
from generator.read.sections import split_sections
from generator.render.linking import LinkIndex, SectionRenderer
from generator.settings import MKDOCS_EXTENSIONS
from generator.text.mdtree import TreeBuilder

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "docs" / "articles",
    ROOT / "tests" / "fixtures" / "site" / "articles",
    ROOT / "tests" / "fixtures" / "discovery",
]
SYLLABLES = "ka lo mi ne ru sa te vi do fa gu hel bar mon tra zel wen dor lin ski berg".split()


def synthetic(count: int, seed: int = 1) -> list[Entity]:
    rng = random.Random(seed)
    entities = []
    for index in range(count):
        word = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if index % 2:
            first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
            name = f"{first} {word}{index}"
            entities.append(Entity(id=f"p{index}", name=name, type="person"))
        else:
            entities.append(
                Entity(id=f"c{index}", name=f"{word} {index} AG", type="company", aliases=(f"{word}{index}",))
            )
    return entities


def grown(registry: Registry, size: int) -> Registry:
    extra = synthetic(max(0, size - len(registry.entities)))
    return Registry(registry.path, registry.types, registry.entities + tuple(extra))


class Setup:
    """One registry with its automaton and link index, ready to time."""

    def __init__(self, registry: Registry, articles: list[Article]):
        start = time.perf_counter()
        self.recognizer = Recognizer(registry)
        self.build_s = time.perf_counter() - start
        self.registry = registry
        self.articles = articles
        self.recognise_s = self.link_s = float("inf")

    def time_once(self) -> None:
        trees = TreeBuilder()
        start = time.perf_counter()
        analysed = [find_mentions(article, self.recognizer, trees) for article in self.articles]
        self.recognise_s = min(self.recognise_s, time.perf_counter() - start)
        registry = self.registry
        index = LinkIndex(
            self.recognizer,
            {e.id: f"{registry.type_of(e).folder}/{e.id}.md" for e in registry.entities},
            {e.id: e.name for e in registry.entities},
        )
        renderer = SectionRenderer(index, MKDOCS_EXTENSIONS)
        start = time.perf_counter()
        for article in analysed:
            renderer.render(article)
        self.link_s = min(self.link_s, time.perf_counter() - start)

    def result(self) -> dict[str, float]:
        return {
            "entries": len(self.registry.entities),
            "articles": len(self.articles),
            "automaton_build_s": round(self.build_s, 4),
            "recognise_s": round(self.recognise_s, 4),
            "link_s": round(self.link_s, 4),
            "total_s": round(self.recognise_s + self.link_s, 4),
        }


def main() -> int:
    base = load_registry(ROOT / "config" / "entities.yml")
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    paths = [path for folder in CORPORA for path in sorted(folder.glob("20*.md"))]
    articles = [split_sections(read_article(path)) for path in paths] * 20
    setups = [Setup(base, articles), Setup(grown(base, 10_000), articles)]
    for _ in range(repeat):  # alternate, so that drift of the machine hits both alike
        for setup in setups:
            setup.time_once()
    small, large = (setup.result() for setup in setups)
    ratio = large["total_s"] / small["total_s"]
    result = {
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
        "repeat": repeat,
        "small": small,
        "large": large,
        "ratio_large_to_small": round(ratio, 3),
        "target": "<= 1.10",
    }
    (ROOT / "bench" / "linking.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for row in (small, large):
        print(
            f"{row['entries']:>6} entries: recognise {row['recognise_s']:.3f} s, link {row['link_s']:.3f} s, "
            f"total {row['total_s']:.3f} s (automaton built in {row['automaton_build_s']:.3f} s)"
        )
    print(f"ratio 10,000 / 10 entries: {ratio:.3f} (target <= 1.10) over {small['articles']} articles")
    return 0 if ratio <= 1.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
