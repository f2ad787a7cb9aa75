"""Material search, adapted to German queries (an MkDocs adapter, like `plugin`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

LUNR_DE = "assets/javascripts/lunr/min/lunr.de.min.js"


def stem_german_queries(files: Files, config: MkDocsConfig, patch: Path) -> None:
    """Append our query stemmer (`templates/search/german-query.js`) to Material's German
    language file; see that file for why. Does nothing when the theme has no such file."""
    original = files.get_file_from_path(LUNR_DE)
    if original is None:
        return
    content = original.content_bytes + b"\n" + patch.read_bytes()
    files.remove(original)
    files.append(File.generated(config, LUNR_DE, content=content))


WORKERS = "assets/javascripts/workers/"


def replace_search_worker(files: Files, config: MkDocsConfig, worker: Path) -> None:
    """Put our Pagefind worker (`templates/search/pagefind-worker.js`) where Material's lunr
    worker was. Material loads its worker from the URL in its page config and documents a
    replaced worker as the way to plug in another search engine; keeping the file name leaves
    the theme's templates untouched. The worker's source map goes too: it maps lunr's code."""
    for file in list(files):
        name = file.src_uri
        if name.startswith(WORKERS + "search.") and name.endswith(".min.js"):
            files.remove(file)
            files.append(File.generated(config, name, content=worker.read_bytes()))
        elif name.startswith(WORKERS + "search.") and name.endswith(".min.js.map"):
            files.remove(file)


def skip_material_index(page_meta: dict[str, Any]) -> None:
    """Keep a page out of Material's lunr index (its `search: exclude` front matter), so that the
    search plugin neither parses the page nor ships its text when Pagefind answers queries. A
    page that excluded itself already (the index pages) is marked to stay out of Pagefind too
    (`search.pagefind: false`, read by templates/overrides/main.html)."""
    search = page_meta.get("search")
    search = dict(search) if isinstance(search, dict) else {}
    if search.get("exclude"):
        search["pagefind"] = False
    search["exclude"] = True
    page_meta["search"] = search
