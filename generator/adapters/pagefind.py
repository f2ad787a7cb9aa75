"""Pagefind, the search backend for large sites: which backend a build uses, and indexing a
built site with the Pagefind binary (from the `pagefind[bin]` wheel).

Material's own search (lunr) sends the reader's browser one index file that holds the whole
site and is built in the browser before the first result shows; its cost grows with the corpus.
Pagefind writes an index split into small chunks at build time and loads only those a query
needs. Knows nothing of MkDocs: `generator.adapters.search` wires it into the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.service import get_executable

from generator.cache import code_fingerprint
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
    reused: bool = False
    """Copied from the last build, whose pages were the same (`index_site`'s `cache`)."""


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


def index_site(site_dir: Path, *, language: str = "de", cache: Path | None = None) -> PagefindIndex:
    """Index the HTML pages of a built site into `site_dir/pagefind/`.

    Only each page's article (`data-pagefind-body`, set by templates/overrides/main.html) is
    indexed, so navigation and footer text do not match every query; all words are stemmed
    with the site's language.

    With a `cache` folder, the index of the last build is kept there (`_pages_key`). A build
    whose pages are the same copies it instead of running Pagefind, which writes the same
    bytes for the same pages (a warm build of an unchanged site spent a third of its time
    there). A kept index is used only if every file is as it was written (`MANIFEST`); else
    Pagefind runs."""
    key = _pages_key(site_dir, language) if cache else None
    output = site_dir / OUTPUT
    if cache and key:
        before = _files_in(output)  # what MkDocs copied there (`docs/pagefind/…`)
        if _restore(cache / key, output):
            index = _finished(site_dir, 0, "")
            return PagefindIndex(index.folder, index.pages, reused=True)
        _put_back(output, before)
    result = subprocess.run(_command(site_dir, language), capture_output=True, text=True, check=False)
    index = _finished(site_dir, result.returncode, result.stderr or result.stdout)
    if cache and key:
        _keep(output, cache, key)
    return index


MANIFEST = "knowledge-manifest.json"
"""In a kept index: each file's path and SHA-256, written last; a kept index whose files do
not match it (damaged, or removed by another build while being copied) is not used."""
_SETTINGS_FILES = ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json")
"""Pagefind's own configuration files, read from the folder it runs in."""


def _pages_key(site_dir: Path, language: str) -> str:
    """What Pagefind's output depends on: every HTML file it reads and every file already in
    its output folder, by path and content; how it runs (the binary, the command, its
    `PAGEFIND_*` environment and configuration files, the generator's code that removes
    files after it)."""
    binary = executable()
    status = binary.stat()
    digest = hashlib.sha256(code_fingerprint())
    digest.update(repr((str(binary), status.st_size, status.st_mtime_ns, _options(language))).encode())
    settings = sorted((name, value) for name, value in os.environ.items() if name.startswith("PAGEFIND_"))
    digest.update(repr(settings).encode())
    for name in _SETTINGS_FILES:
        if Path(name).is_file():
            digest.update(name.encode() + b"\0" + Path(name).read_bytes())
    files = [
        path
        for path in site_dir.rglob("*")
        if path.is_file() and (path.suffix == ".html" or path.relative_to(site_dir).parts[0] == OUTPUT)
    ]
    for path in sorted(files, key=lambda path: path.relative_to(site_dir).as_posix()):
        content = path.read_bytes()
        digest.update(f"\0{path.relative_to(site_dir).as_posix()}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _files_in(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _put_back(output: Path, files: dict[str, bytes]) -> None:
    """The output folder as MkDocs left it, after a failed restore."""
    shutil.rmtree(output, ignore_errors=True)
    for name, content in files.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(content)


def _manifest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }


def _restore(kept: Path, output: Path) -> bool:
    """Copy a kept index into the site; False (and nothing copied) when there is none or it
    does not match its manifest (damaged, or taken away by another build during the copy)."""
    try:
        expected = json.loads((kept / MANIFEST).read_text(encoding="utf-8"))
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(kept, output)
        (output / MANIFEST).unlink()
        if isinstance(expected, dict) and _manifest(output) == expected:
            return True
    except (OSError, ValueError, shutil.Error):
        pass
    shutil.rmtree(output, ignore_errors=True)
    return False


def _keep(output: Path, cache: Path, key: str) -> None:
    """Keep this build's index as the only one in `cache`: copied aside with its manifest,
    then renamed in (a build that kept the same key at the same time kept the same bytes)."""
    temporary = cache / f"{key}.tmp{os.getpid()}"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(output, temporary)
        (temporary / MANIFEST).write_text(json.dumps(_manifest(temporary), sort_keys=True), encoding="utf-8")
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise GeneratorError(
            f"cannot write the cache of the search index: {getattr(exc, 'strerror', None) or exc}. "
            "Remove what is in the way, or set `cache: false` under the knowledge plugin in mkdocs.yml.",
            path=cache,
        ) from None
    try:
        temporary.rename(cache / key)
    except OSError:  # another build kept this key meanwhile (the same files), or an old one is there
        shutil.rmtree(cache / key, ignore_errors=True)
        with contextlib.suppress(OSError):
            temporary.rename(cache / key)
    shutil.rmtree(temporary, ignore_errors=True)
    for other in cache.iterdir():
        # Other builds' indexes go; their folders being written (".tmp<pid>") stay, unless a
        # crash left them more than an hour ago.
        with contextlib.suppress(OSError):  # another build removed it first
            stale = ".tmp" in other.name and time.time() - other.stat().st_mtime > 3600
            if other.name != key and (".tmp" not in other.name or stale):
                shutil.rmtree(other, ignore_errors=True)


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
    return [str(executable()), "--site", str(site_dir), *_options(language)]


def _options(language: str) -> list[str]:
    return [
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
