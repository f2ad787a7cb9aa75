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
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
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


PART_BYTES = 24_000_000
"""HTML of the marked pages per part of the index (Pagefind needed about 150 MB for that
much: 1,000 articles of the benchmark are 3 parts)."""
PARTS = "parts"
"""The folder in `pagefind/` of the parts after the first."""
PARTS_FILE = "knowledge-parts.json"
"""In `pagefind/`: the folders of the other parts, relative to it (read by the search worker)."""
MANIFEST = "knowledge-manifest.json"
"""In a kept part: each file's path and SHA-256, written last; a kept part whose files do
not match it (damaged, or removed by another build while being copied) is not used."""
_SETTINGS_FILES = ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json")
"""Pagefind's own configuration files, read from the folder it runs in."""
_ATTRIBUTE = b"data-pagefind-body"
_OPENED_TAG = re.compile(
    rb"<[a-z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s+", re.IGNORECASE
)
"""A tag opened up to an attribute (the other attributes' values may hold any character)."""
_UNREAD = (
    (b"<!--", b"-->"),
    (b"<script", b"</script"),
    (b"<style", b"</style"),
    (b"<template", b"</template"),
)
"""Where Pagefind reads no markup: comments, scripts, styles, templates."""


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
    parts: int = 1
    """The parts the index is made of (`index_site`)."""
    kept: int = 0
    """Parts copied from the last build."""


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


def index_site(
    site_dir: Path,
    *,
    language: str = "de",
    cache: Path | None = None,
    part_bytes: int = PART_BYTES,
    runner: _Runner | None = None,
) -> PagefindIndex:
    """Index the HTML pages of a built site into `site_dir/pagefind/`.

    Only each page's article (`data-pagefind-body`, set by templates/overrides/main.html) is
    indexed, so navigation and footer text do not match every query; all words are stemmed
    with the site's language.

    Pagefind holds what it indexes in memory (about six times the pages' HTML). A site with
    more than `part_bytes` of marked pages is therefore indexed in parts, one Pagefind run
    each, so that memory stays the same however large the site grows: part 0 is the index at
    `pagefind/`, the others go to `pagefind/parts/N/` and are merged into it in the reader's
    browser (`pagefind.mergeIndex`, listed in `pagefind/knowledge-parts.json`). A page's part
    follows from its address, so an edit changes only the parts of the pages it touched.

    With a `cache` folder, the parts of the last build are kept there (`_part_key`). A part
    whose pages are the same is copied instead of indexed again: Pagefind writes the same
    bytes for the same pages (a warm build of an unchanged site spent a third of its time
    there). A kept part is used only if every file is as it was written (`MANIFEST`); else
    Pagefind runs."""
    runner = runner or _Runner()
    output = site_dir / OUTPUT
    before = _files_in(output)  # what MkDocs copied there (`docs/pagefind/…`)
    reserved = sorted(name for name in before if name == PARTS_FILE or name.startswith(f"{PARTS}/"))
    if reserved:
        raise GeneratorError(
            f"`{OUTPUT}/{reserved[0]}` is where the search index's parts go. Move that file out "
            f"of the docs folder's `{OUTPUT}/{PARTS}/` (or rename it), or set `search_backend: lunr`.",
            path=site_dir,
        )
    # Pagefind's own settings may choose the pages itself (`glob`): then it reads the site.
    parts, digests = _parts(site_dir, part_bytes, whole=_pagefind_settings())
    keys: list[str] = []
    pages = 0
    reused = 0
    for number, part in enumerate(parts):
        folder = output if number == 0 else output / PARTS / str(number)
        key = (
            _part_key(part, digests, language, number, len(parts), before if number == 0 else {})
            if cache
            else ""
        )
        if cache and _restore(cache / key, folder):
            reused += 1
        else:
            if cache and number == 0:
                _put_back(output, before)
            with _pages_of(site_dir, part) as root:
                returncode, said = runner.run(_command(root, folder, language))
            if runner.stopped:
                raise GeneratorError("Pagefind stopped: a newer build indexes the site.", path=site_dir)
            _check(folder, site_dir, returncode, said)
            _remove_unused(folder, secondary=number > 0)
            if cache:
                _keep(folder, cache, key)
        keys.append(key)
        pages += _page_count(folder)
    (output / PARTS_FILE).write_text(
        json.dumps([f"{PARTS}/{number}/" for number in range(1, len(parts))]), encoding="utf-8"
    )
    if cache:
        _forget_others(cache, set(keys))
    return PagefindIndex(output, pages, reused=reused == len(parts), parts=len(parts), kept=reused)


@dataclass(frozen=True)
class _Part:
    """The pages one Pagefind run indexes."""

    pages: tuple[str, ...]
    """Paths relative to the site."""
    whole: bool = False
    """Pagefind reads the whole site itself (a site of one part)."""


def _parts(site_dir: Path, part_bytes: int, *, whole: bool = False) -> tuple[list[_Part], dict[str, bytes]]:
    """The site's pages in parts of about `part_bytes` each, and each page's SHA-256 (every
    HTML file is read once). A page's part is a hash of its path, so parts keep their pages
    as the site changes (until their number changes), and each part is a sample of the whole
    site, which keeps Pagefind's scores comparable between parts. Pages without
    `data-pagefind-body` are left out when any page has it, as Pagefind itself does; a site
    of one part (or `whole`) is read by Pagefind as it is."""
    digests: dict[str, bytes] = {}
    sizes: dict[str, int] = {}
    marked: dict[str, int] = {}
    for path in site_dir.rglob("*.html"):
        if path.is_file():
            name = path.relative_to(site_dir).as_posix()
            content = path.read_bytes()
            digests[name] = hashlib.sha256(content).digest()
            sizes[name] = len(content)
            if _marked(content):
                marked[name] = len(content)
    chosen = marked or sizes
    count = max(1, -(-sum(chosen.values()) // max(part_bytes, 1)))
    if whole or count == 1:
        return [_Part(tuple(sorted(digests)), whole=True)], digests
    members: list[list[str]] = [[] for _ in range(count)]
    for name in sorted(chosen):
        members[zlib.crc32(_encoded(name)) % count].append(name)
    return [_Part(tuple(names)) for names in members if names], digests


def _marked(content: bytes) -> bool:
    """Whether a page has a tag with `data-pagefind-body` that Pagefind reads as one (not a
    mention of it in a comment or a script; text about it is escaped and never matches)."""
    lowered = content.lower()
    at = lowered.find(_ATTRIBUTE)
    while at != -1:
        start = lowered.rfind(b"<", 0, at)
        inside = any(lowered.rfind(open_, 0, at) > lowered.rfind(close, 0, at) for open_, close in _UNREAD)
        if start != -1 and not inside and _OPENED_TAG.fullmatch(lowered, start, at):
            following = lowered[at + len(_ATTRIBUTE) : at + len(_ATTRIBUTE) + 1]
            if following in (b"", b" ", b"\t", b"\n", b"\r", b"=", b"/", b">"):
                return True
        at = lowered.find(_ATTRIBUTE, at + 1)
    return False


def _pagefind_settings() -> bool:
    """Whether Pagefind is configured besides our command: a settings file in the working
    folder, or `PAGEFIND_*` variables."""
    return any(Path(name).is_file() for name in _SETTINGS_FILES) or any(
        name.startswith("PAGEFIND_") and name != "PAGEFIND_BINARY_PATH" for name in os.environ
    )


def _encoded(name: str) -> bytes:
    """A path as bytes, also when it is not valid UTF-8 (a file name as the file system has it)."""
    return name.encode("utf-8", "surrogateescape")


def _part_key(
    part: _Part, digests: dict[str, bytes], language: str, number: int, count: int, before: dict[str, bytes]
) -> str:
    """What a part's index depends on: the HTML files Pagefind reads for it (path and SHA-256)
    and the files already in its output folder (path and content); how it runs (the binary,
    the command, its `PAGEFIND_*` environment and configuration files, the generator's code
    that removes files after it); which part of how many it is."""
    binary = executable()
    status = binary.stat()
    digest = hashlib.sha256(code_fingerprint())
    digest.update(
        repr((str(binary), status.st_size, status.st_mtime_ns, _options(language), number, count)).encode()
    )
    settings = sorted((name, value) for name, value in os.environ.items() if name.startswith("PAGEFIND_"))
    digest.update(repr(settings).encode())
    for name in _SETTINGS_FILES:
        if Path(name).is_file():
            digest.update(name.encode() + b"\0" + Path(name).read_bytes())
    for name in sorted(part.pages):
        digest.update(b"\0" + _encoded(name) + b"\0" + digests[name])
    for name in sorted(before):
        digest.update(b"\0" + _encoded(f"{OUTPUT}/{name}") + f"\0{len(before[name])}\0".encode())
        digest.update(before[name])
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
    """Keep a part's index in `cache`: copied aside with its manifest, then renamed in (a
    build that kept the same key at the same time kept the same bytes)."""
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
        if (cache / key).is_dir() and not (cache / key).is_symlink():
            shutil.rmtree(cache / key, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                (cache / key).unlink()  # a file where the folder goes
        with contextlib.suppress(OSError):
            temporary.rename(cache / key)
    shutil.rmtree(temporary, ignore_errors=True)


def _forget_others(cache: Path, keys: set[str]) -> None:
    """Keep only this build's parts in `cache`. Folders other builds are writing (".tmp<pid>")
    stay, unless a crash left them more than an hour ago."""
    for other in cache.iterdir():
        with contextlib.suppress(OSError):  # another build removed it first
            stale = ".tmp" in other.name and time.time() - other.stat().st_mtime > 3600
            if other.name not in keys and (".tmp" not in other.name or stale):
                shutil.rmtree(other, ignore_errors=True)


class _Runner:
    """Runs Pagefind, one part after the other; `stop` kills the running one and refuses the
    rest (`mkdocs serve`: a newer build's index replaces this one)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self.stopped = False

    def run(self, command: list[str]) -> tuple[int, str]:
        with self._lock:
            if self.stopped:
                return -1, ""
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
        said = self._process.communicate()[0] or ""
        return self._process.returncode, said

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()


class BackgroundIndex:
    """Pagefind indexing a site while the caller goes on (`mkdocs serve`: the changed page
    shows at once, its search a few seconds later); a newer one stops the older."""

    def __init__(self, site_dir: Path, *, language: str = "de", part_bytes: int = PART_BYTES) -> None:
        self._runner = _Runner()
        self._index: PagefindIndex | None = None
        self._error: GeneratorError | None = None

        def work() -> None:
            try:
                self._index = index_site(
                    site_dir, language=language, part_bytes=part_bytes, runner=self._runner
                )
            except GeneratorError as exc:
                self._error = exc
            except OSError as exc:  # the next build emptied the folder meanwhile
                self._error = GeneratorError(f"Pagefind could not index the preview: {exc}", path=site_dir)

        self._waiting = threading.Thread(target=work, daemon=True)
        self._waiting.start()

    def done(self) -> bool:
        return not self._waiting.is_alive()

    def stop(self) -> None:
        self._runner.stop()
        self._waiting.join()

    def result(self) -> PagefindIndex:
        """Wait for the index; a `GeneratorError` if Pagefind failed."""
        self._waiting.join()
        if self._error is not None:
            raise self._error
        assert self._index is not None
        return self._index


def _command(root: Path, folder: Path, language: str) -> list[str]:
    return [str(executable()), "--site", str(root), "--output-path", str(folder), *_options(language)]


@contextlib.contextmanager
def _pages_of(site_dir: Path, part: _Part) -> Iterator[Path]:
    """The folder Pagefind reads for a part: the site itself, or a scratch folder of links to
    the part's pages, at the same paths so that their addresses are those in the site."""
    if part.whole:
        yield site_dir
        return
    try:
        scratch = Path(tempfile.mkdtemp(prefix=".pagefind-part-", dir=site_dir.parent))
    except OSError:
        scratch = Path(tempfile.mkdtemp(prefix="pagefind-part-"))
    try:
        for name in part.pages:
            target = scratch / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / name, target)
            except OSError:  # another file system, or links not allowed
                shutil.copyfile(site_dir / name, target)
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _options(language: str) -> list[str]:
    return [
        "--force-language",
        language,
        "--exclude-selectors",
        ".headerlink",  # the "¶" of heading permalinks
        "--silent",
    ]


def _remove_unused(folder: Path, *, secondary: bool = False) -> None:
    """Pagefind's own search interfaces go; a part merged into the first needs only its index
    (the first part's JavaScript and WebAssembly search it)."""
    names = (
        [path.name for path in folder.iterdir() if path.is_file()] if secondary and folder.is_dir() else []
    )
    for name in (*UNUSED, *(n for n in names if n != "pagefind-entry.json" and not n.endswith(".pf_meta"))):
        with contextlib.suppress(OSError):  # the folder went (the server's next build emptied it)
            (folder / name).unlink(missing_ok=True)


def _check(folder: Path, site_dir: Path, returncode: int, said: str) -> None:
    if returncode != 0 or not (folder / "pagefind-entry.json").is_file():
        detail = said.strip().splitlines()[-5:]
        raise GeneratorError(
            "Pagefind could not index the built site: "
            + (" / ".join(detail) or f"exit status {returncode}")
            + ". Check the pages named above, or set `search_backend: lunr` to build without it.",
            path=site_dir,
        )


def _page_count(folder: Path) -> int:
    entry = folder / "pagefind-entry.json"
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return sum(int(v.get("page_count", 0)) for v in languages.values())
