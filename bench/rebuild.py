"""What an editor waits for in `mkdocs serve` after saving one article.

`python bench/rebuild.py PROJECT [PLAIN]` builds the project once in this process, as `mkdocs
serve` does at start (plugins told so by `on_startup`, kept from build to build; this fills the
per-article cache), appends a sentence to one article, and then times, in the same process as
serve would: the generator alone (`build_site`), and the whole MkDocs rebuild (config, plugin,
rendering; under serve, Pagefind indexes in the background after the build). With PLAIN (the same articles
as a plain MkDocs project) it times plain MkDocs' rebuild after the same kind of edit: what
`mkdocs serve` of a plain site makes an editor wait. Prints JSON. Used by `make bench` at
N = 1,000. A benchmark, never a test.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


SERVE_URL = "http://127.0.0.1:8000/"


def served(config_file: Path, site: Path) -> Callable[[], float]:
    """A build as `mkdocs serve` runs it, timed: the config loaded again for every build, the
    plugins that ask for it (`on_startup`) kept from build to build, the site URL the server's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    load_config(str(config_file), site_dir=str(site)).plugins.on_startup(command="serve", dirty=False)

    def whole() -> float:
        config = load_config(str(config_file), site_dir=str(site))
        config.site_url = SERVE_URL
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        seconds = time.perf_counter() - start
        # Under serve, Pagefind indexes the preview after the build, in the background (on both
        # cores, for some seconds): an editor reads the page meanwhile. Timing the next step
        # while it runs would time Pagefind's share of the cores.
        indexing = getattr(config.plugins.get("knowledge"), "indexing", None)
        if indexing is not None:
            indexing.result()
        return seconds

    return whole


def plain_rebuild(project: Path) -> float:
    """Plain MkDocs: build once, edit one article, time the rebuild (serve rebuilds it all)."""
    whole = served(project / "mkdocs.yml", project / "site-serve")
    whole()
    article = sorted((project / "docs").rglob("*.md"))[1]
    article.write_text(article.read_text(encoding="utf-8") + "\nEin neuer Satz.\n", encoding="utf-8")
    return whole()


def rebuild(project: Path) -> dict[str, float]:
    from generator.pipeline import build_site
    from generator.settings import load_settings

    config_file = project / "mkdocs.yml"
    whole = served(config_file, project / "site-serve")

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
