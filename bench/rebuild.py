"""What an editor waits for in `mkdocs serve` after saving one article.

`python bench/rebuild.py PROJECT [PLAIN]` builds the project once in this process (as `mkdocs
serve` does at start; this fills the per-article cache), appends a sentence to one article, and
then times, in the same process as serve would: the generator alone (`build_site`), and the
whole MkDocs rebuild (config, plugin, rendering, search index). With PLAIN (the same articles
as a plain MkDocs project) it times plain MkDocs' rebuild after the same kind of edit: what
`mkdocs serve` of a plain site makes an editor wait. Prints JSON. Used by `make bench` at
N = 1,000. A benchmark, never a test.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def plain_rebuild(project: Path) -> float:
    """Plain MkDocs: build once, edit one article, time the rebuild (serve rebuilds it all)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = str(project / "mkdocs.yml")
    build(load_config(config_file, site_dir=str(project / "site-serve")))
    article = sorted((project / "docs").rglob("*.md"))[1]
    article.write_text(article.read_text(encoding="utf-8") + "\nEin neuer Satz.\n", encoding="utf-8")
    start = time.perf_counter()
    build(load_config(config_file, site_dir=str(project / "site-serve")))
    return time.perf_counter() - start


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
    result = rebuild(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        result["plain_rebuild_seconds"] = round(plain_rebuild(Path(sys.argv[2])), 2)
        result["rebuild_to_plain"] = round(
            result["whole_rebuild_seconds"] / result["plain_rebuild_seconds"], 2
        )
    print(json.dumps(result))
