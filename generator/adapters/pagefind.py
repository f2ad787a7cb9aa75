"""Pagefind, the search backend for large sites: which backend a build uses, and indexing a
built site with the Pagefind binary (from the `pagefind[bin]` wheel).

Material's own search (lunr) sends the reader's browser one index file that holds the whole
site and is built in the browser before the first result shows; its cost grows with the corpus.
Pagefind writes an index split into small chunks at build time and loads only those a query
needs. Knows nothing of MkDocs: `generator.adapters.search` wires it into the build.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from generator.errors import GeneratorError

OUTPUT = "pagefind"
"""The folder of the site that receives Pagefind's index and its JavaScript."""
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's own search interfaces (420 kB): the site answers in Material's search box."""


def use_pagefind(backend: str, articles: int, threshold: int) -> bool:
    """Whether a build uses Pagefind: always or never when the backend is named, and with
    `auto` from `threshold` articles on (the backends are `settings.BACKENDS`)."""
    if backend == "auto":
        return articles >= threshold
    return backend == "pagefind"


@dataclass(frozen=True)
class PagefindIndex:
    folder: Path
    pages: int
    """Pages in the index (all languages)."""


def executable() -> Path:
    """The Pagefind binary shipped by the `pagefind[bin]` wheel (or `PAGEFIND_BINARY_PATH`)."""
    binary = get_executable()
    if binary is None or not Path(binary).is_file():
        raise GeneratorError(
            "the Pagefind binary is missing. Install the pinned dependencies "
            "(`make site` does) or set `search_backend: lunr` under the knowledge plugin.",
            path="mkdocs.yml",
        )
    return Path(binary)


def index_site(site_dir: Path, *, language: str = "de") -> PagefindIndex:
    """Index the HTML pages of a built site into `site_dir/pagefind/`.

    Only each page's article (`data-pagefind-body`, set by templates/overrides/main.html) is
    indexed, so navigation and footer text do not match every query; all words are stemmed
    with the site's language."""
    result = subprocess.run(_command(site_dir, language), capture_output=True, text=True, check=False)
    return _finished(site_dir, result.returncode, result.stderr or result.stdout)


class BackgroundIndex:
    """Pagefind indexing a site while the caller goes on (`mkdocs serve`: the changed page
    shows at once, its search a few seconds later); a newer one stops the older. When Pagefind
    ends, its unused files go, as after `index_site`."""

    def __init__(self, site_dir: Path, *, language: str = "de") -> None:
        self.site_dir = site_dir
        self.process = subprocess.Popen(
            _command(site_dir, language), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self._output = ""
        self._waiting = threading.Thread(target=self._wait, daemon=True)
        self._waiting.start()

    def done(self) -> bool:
        return not self._waiting.is_alive()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self._waiting.join()

    def result(self) -> PagefindIndex:
        """Wait for the index; a `GeneratorError` if Pagefind failed."""
        self._waiting.join()
        return _finished(self.site_dir, self.process.returncode, self._output)

    def _wait(self) -> None:
        self._output = self.process.communicate()[0] or ""
        if self.process.returncode == 0:
            _remove_unused(self.site_dir)


def _command(site_dir: Path, language: str) -> list[str]:
    return [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT,
        "--force-language",
        language,
        "--exclude-selectors",
        ".headerlink",  # the "¶" of heading permalinks
        "--silent",
    ]


def _remove_unused(site_dir: Path) -> None:
    for name in UNUSED:
        with contextlib.suppress(OSError):  # the folder went (the server's next build emptied it)
            (site_dir / OUTPUT / name).unlink(missing_ok=True)


def _finished(site_dir: Path, returncode: int, output: str) -> PagefindIndex:
    entry = site_dir / OUTPUT / "pagefind-entry.json"
    if returncode != 0 or not entry.is_file():
        detail = output.strip().splitlines()[-5:]
        raise GeneratorError(
            "Pagefind could not index the built site: "
            + (" / ".join(detail) or f"exit status {returncode}")
            + ". Check the pages named above, or set `search_backend: lunr` to build without it.",
            path=site_dir,
        )
    _remove_unused(site_dir)
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return PagefindIndex(site_dir / OUTPUT, sum(int(v.get("page_count", 0)) for v in languages.values()))
