"""What an editor waits for in `mkdocs serve` after saving one article.

`python bench/rebuild.py PROJECT` builds the project once in this process (as `mkdocs serve`
does at start; this fills the per-article cache), appends a sentence to one article, and then
times, in the same process as serve would: the generator alone (`build_site`), and the whole
MkDocs rebuild (config, plugin, rendering, search index). Prints JSON. Used by `make bench` at
N = 1,000. A benchmark, never a test.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rebuild(project: Path) -> dict[str, float]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.pipeline import build_site
    from generator.settings import load_settings

    config_file = project / "mkdocs.yml"
    site = project / "site-serve"

    def whole() -> float:
        start = time.perf_counter()
        build(load_config(str(config_file), site_dir=str(site)))
        return time.perf_counter() - start

    def edit(article: Path) -> None:
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\nEin neuer Satz der Redaktion.\n", encoding="utf-8")

    first = whole()
    articles = sorted((project / "docs" / "articles").rglob("*.md"))
    edit(articles[len(articles) // 2])
    start = time.perf_counter()
    build_site(load_settings(config_file))
    generator = time.perf_counter() - start
    edit(articles[len(articles) // 3])  # another article, so that the rebuild re-analyses one
    again = whole()
    return {
        "first_build_seconds": round(first, 2),
        "generator_after_edit_seconds": round(generator, 2),
        "whole_rebuild_seconds": round(again, 2),
    }


if __name__ == "__main__":
    print(json.dumps(rebuild(Path(sys.argv[1]))))
