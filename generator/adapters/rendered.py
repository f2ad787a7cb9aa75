"""Rendered pages reused from the last build: MkDocs renders only the pages that changed.

MkDocs renders every page in every build, and `mkdocs serve` builds the whole site again
after every save. The plugin keeps what each page became (its body: MkDocs' Markdown
conversion with the sections' HTML put in; and its whole output: the theme's template
around it), keyed by everything it is made of:

- A page whose Markdown (the HTML of the sections it shows included), front matter and
  address are unchanged, in a site with the same configuration (as MkDocs resolved it) and
  versions of MkDocs, the theme, the plugins and this generator, takes its body from the
  store instead of converting its Markdown again, if the files its links point to are the
  same (MkDocs' lookups while it converted the page are kept with the body: adding an
  article does not change the pages that do not link to it).
- If the nav, the page's neighbours and the theme's own templates (`custom_dir`) are
  unchanged too, the page takes its whole output: the template is not rendered either.
- Only with no plugins but this one and the search: another plugin or a hook may put into a
  page what no key shows (Material's tags listing, dates from Git); with one, every page is
  rendered in every build.
- A page that logged a warning while it was rendered (a broken link) is never stored, so
  that every build warns again and a strict build keeps failing.

The store is `pages.sqlite` in the plugin's cache folder (a warm `mkdocs build`, and every
build of `mkdocs serve`), or the memory of `mkdocs serve` when the cache is turned off.
What is written is byte for byte what rendering every page writes (`tests/test_rendered.py`
compares them).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import logging
import os
import pickle
import sqlite3
import sys
import types
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.cache import code_fingerprint
from generator.errors import GeneratorError
from generator.render.renderer import MARKDOWN_BLOCK_TOKEN

KNOWN_PLUGINS = frozenset({"knowledge", "search", "material/search"})
"""Plugins known to change pages only in ways the keys hold. Another plugin or a hook may put
into a page what no key shows (Material's tags listing, dates from Git): with one, nothing is
reused (`others`)."""


def _resolved(file: File | None) -> tuple[str, str] | None:
    """What a page's body takes from a file its link points to: its address and whether it is
    in the site (MkDocs' relative-path treeprocessor)."""
    return None if file is None else (file.url, str(file.inclusion))


def _looked_up(files: Files, path: str) -> tuple[str, str] | None:
    return _resolved(Files.get_file_from_path(files, path))


def others(plugins: Iterable[str]) -> list[str]:
    """The configured plugins and hooks (by name) that are not `KNOWN_PLUGINS`."""
    return sorted(name for name in plugins if name not in KNOWN_PLUGINS)


def held_content(page: Page, html: str, compressed: bytes | None = None) -> None:
    """Make `page` keep its content compressed: `page.content` reads and writes it as ever
    (the page's class becomes a subclass whose `content` is a property), and MkDocs' next
    assignment of `html` (the result of `on_page_content`) stores `compressed` when given."""
    if not isinstance(page, _HeldContent):
        page.__class__ = _held_class(type(page))
    page.__dict__.pop("content", None)
    page._held_next = (id(html), compressed) if compressed is not None else None  # type: ignore[attr-defined]


class _HeldContent:
    """A page whose content is kept zlib-compressed (`held_content`)."""

    _held: bytes | None = None
    _held_next: tuple[int, bytes] | None = None

    @property
    def content(self) -> str | None:
        return zlib.decompress(self._held).decode() if self._held is not None else None

    @content.setter
    def content(self, value: str | None) -> None:
        upcoming, self._held_next = self._held_next, None
        if value is None:
            self._held = None
        elif upcoming is not None and upcoming[0] == id(value):
            self._held = upcoming[1]  # the bytes the store has: no need to compress again
        else:
            self._held = zlib.compress(value.encode(), 1)


@cache
def _held_class(kind: type) -> type:
    return type(f"Held{kind.__name__}", (_HeldContent, kind), {})


REUSED_TEMPLATE = "knowledge-reused.html"
"""The template of a page whose output is reused: nothing to render (its output replaces it)."""


@dataclass(frozen=True)
class _Body:
    content: bytes
    """The page's HTML body, compressed (a site's bodies are most of its size)."""
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str] | None = None
    links: dict[str, dict[str, str]] | None = None
    """MkDocs' `links_to_anchors`, by the linked file's path (its `File` is new in every build)."""
    lookups: tuple[tuple[str, tuple[str, str] | None], ...] = ()
    """The files the page's links were resolved against, as MkDocs looked them up (path ->
    address and inclusion, or None for no such file): the body holds while they are the same,
    whatever else was added to the site or removed from it."""


@dataclass(frozen=True)
class _Output:
    html: bytes
    """The page's whole output, compressed."""


class MemoryStore:
    """The pages of the last build, in memory (`mkdocs serve` without a cache folder)."""

    def __init__(self) -> None:
        self._entries: dict[bytes, object] = {}

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def has(self, key: bytes) -> bool:
        return key in self._entries

    def get(self, key: bytes) -> object | None:
        return self._entries.get(key)

    def keep(self, new: dict[bytes, object], used: set[bytes], site: str) -> None:
        """The build succeeded: keep its pages (`new`, and the `used` ones), forget the rest."""
        self._entries = {key: self._entries[key] for key in used if key in self._entries} | new


SCHEMA = 3
"""The layout of the store's table; a file of another layout is emptied."""


class DiskStore:
    """The pages of the last build in one SQLite file, read page by page; a build's pages are
    written in one transaction at its end (never half-written), and what it did not use goes.

    A build reads the file as it was when the build began (a read transaction on SQLite's
    write-ahead log): another build that ends meanwhile and drops what it did not use cannot
    take a page from under it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._connection: sqlite3.Connection | None = None

    def open(self) -> None:
        """Open the file; a damaged one (a killed disk, another program's file) is started anew."""
        self.close()
        for attempt in range(2):
            try:
                self.file.parent.mkdir(parents=True, exist_ok=True)
                self._connection = sqlite3.connect(self.file, timeout=60, isolation_level=None)
                self._connection.execute("PRAGMA journal_mode=WAL")
                if self._connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                    self._connection.execute("DROP TABLE IF EXISTS pages")  # another version's
                    self._connection.execute(f"PRAGMA user_version = {SCHEMA}")
                self._connection.execute(
                    "CREATE TABLE IF NOT EXISTS pages "
                    "(key BLOB PRIMARY KEY, site TEXT NOT NULL, value BLOB NOT NULL)"
                )
                self._connection.execute("BEGIN")
                self._connection.execute("SELECT count(*) FROM pages WHERE key = x''").fetchone()
                return
            except sqlite3.DatabaseError as exc:
                self.close()
                if attempt or not self.file.is_file():
                    raise self._error(exc) from None
                try:
                    self.file.unlink()
                except OSError:
                    raise self._error(exc) from None
            except OSError as exc:
                self.close()
                raise self._error(exc) from None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the read transaction
            self._connection = None

    def has(self, key: bytes) -> bool:
        return self._value(key, "1") is not None

    def get(self, key: bytes) -> object | None:
        value = self._value(key, "value")
        if value is None:
            return None
        try:
            entry: object = pickle.loads(value)
        except (pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None  # written by other code: rendered again
        return entry

    def keep(self, new: dict[bytes, object], used: set[bytes], site: str) -> None:
        if self._connection is None:
            return
        connection = self._connection
        try:
            connection.execute("COMMIT")  # the read transaction
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany(
                    "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                    (
                        (key, site, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
                        for key, entry in new.items()
                    ),
                )
                connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key BLOB PRIMARY KEY)")
                connection.execute("DELETE FROM kept")
                connection.executemany(
                    "INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in used | set(new))
                )
                connection.execute(
                    "DELETE FROM pages WHERE site = ? AND key NOT IN (SELECT key FROM kept)", (site,)
                )
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _value(self, key: bytes, column: str) -> Any:
        if self._connection is None:
            return None
        try:
            row = self._connection.execute(f"SELECT {column} FROM pages WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else row[0]

    def _error(self, exc: Exception) -> GeneratorError:
        return GeneratorError(
            f"cannot use the cache of rendered pages: {exc}. Remove the file, or set `cache: false` "
            "under the knowledge plugin in mkdocs.yml.",
            path=self.file,
        )


class _WarnedPages(logging.Handler):
    """Notes the pages MkDocs was rendering when something logged a warning."""

    def __init__(self, config: MkDocsConfig) -> None:
        super().__init__(logging.WARNING)
        self.config = config
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.pages.add(page.file.src_uri)


class RenderedPages:
    """Decides, page by page, what a build can take from the store, and fills the store."""

    def __init__(self, store: MemoryStore | DiskStore) -> None:
        self.store = store
        self._site_key = b""
        self._body_keys: dict[str, bytes] = {}
        self._output_keys: dict[str, bytes] = {}
        self._bodies: dict[str, _Body] = {}
        """The bodies of this build's pages, by path: from the store or new."""
        self._new: dict[bytes, object] = {}
        self._used: set[bytes] = set()
        self._reused_outputs: set[str] = set()
        self._warned: _WarnedPages | None = None
        self._nav: Navigation | None = None
        self._files: Files | None = None
        self._lookups: dict[str, tuple[str, str] | None] = {}
        """The files looked up while MkDocs converts the current page."""
        self._last: tuple[str, int, bytes] | None = None
        """The page `content` answered last: its path, the answer's `id`, its body compressed."""
        self._site = ""
        """The address the site is built for: a build's pages and the server's (its own
        address) are kept side by side, each dropping only those of its own it did not use."""
        self.reused = {"bodies": 0, "outputs": 0}
        """How many pages of the build under way took their body, their whole output, from the store."""

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """A build begins (MkDocs' `on_nav`: the files and the nav are final)."""
        self.stop()
        self.reused = {"bodies": 0, "outputs": 0}
        self._nav, self._files = nav, files
        self._site = config.site_url or ""
        digest = hashlib.sha256(_software())
        # What every page depends on besides itself: the configuration as MkDocs resolved it
        # (`!ENV` values, an `INHERIT`ed file), the plugins' options included.
        digest.update(
            _canonical({key: value for key, value in config.items() if key not in _NOT_OUTPUT}).encode()
        )
        options = {name: dict(getattr(plugin, "config", {})) for name, plugin in config.plugins.items()}
        digest.update(_canonical(options).encode())
        self._site_key = digest.digest()
        self._warned = _WarnedPages(config)
        logging.getLogger("mkdocs").addHandler(self._warned)
        self.store.open()

    def markdown(self, markdown: str, page: Page, blocks: tuple[str, ...], files: Files) -> str:
        """The Markdown MkDocs should convert: none if the page's body is in the store and the
        files its links point to are the same; otherwise the files it looks up are noted."""
        uri = page.file.src_uri
        key = self._body_key(markdown, page, blocks)
        self._body_keys[uri] = key
        stored = self.store.get(key)
        if isinstance(stored, _Body) and all(
            _looked_up(files, path) == found for path, found in stored.lookups
        ):
            self._bodies[uri] = stored
            self._used.add(key)
            return ""
        self._lookups = {}
        lookups = self._lookups

        def get_file_from_path(path: str) -> File | None:
            found = Files.get_file_from_path(files, path)
            lookups[path] = _resolved(found)
            return found

        files.get_file_from_path = get_file_from_path  # type: ignore[method-assign]
        return markdown

    def compressed(self, page: Page, html: str) -> bytes | None:
        """The page's body compressed, if `html` is what `content` just answered for it (the
        compressed bytes are at hand: stored, or about to be)."""
        last, self._last = self._last, None
        if last is not None and last[0] == page.file.src_uri and last[1] == id(html):
            return last[2]
        return None

    def content(self, html: str, page: Page, files: Files) -> str:
        """The page's body: the stored one, or `html`, noted for the store."""
        uri = page.file.src_uri
        files.__dict__.pop("get_file_from_path", None)  # the conversion's lookups are noted
        lookups, self._lookups = tuple(sorted(self._lookups.items())), {}
        key = self._body_keys.get(uri)
        if key is None:
            return html
        stored = self._bodies.get(uri)
        if stored is not None:
            page.toc = stored.toc
            page._title_from_render = stored.title
            page.present_anchor_ids = set(stored.anchors) if stored.anchors is not None else None
            if stored.links is not None:
                page.links_to_anchors = {
                    file: dict(anchors)
                    for target, anchors in stored.links.items()
                    if (file := files.get_file_from_path(target)) is not None
                }
            self.reused["bodies"] += 1
            body = zlib.decompress(stored.content).decode()
            self._last = (uri, id(body), stored.content)
            return body
        # The anchors and links are filled in at the end: the plugin adds the sections' ids.
        compressed = zlib.compress(html.encode(), 1)
        self._bodies[uri] = _Body(compressed, page.toc, page._title_from_render, lookups=lookups)
        self._last = (uri, id(html), compressed)
        return html

    def environment(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """All pages are read (MkDocs' `on_env`): decide which take their whole output."""
        env.loader = jinja2.ChoiceLoader(
            [jinja2.DictLoader({REUSED_TEMPLATE: ""}), *([env.loader] if env.loader else [])]
        )
        nav_key = _nav_key(self._nav, config)
        for file in files.documentation_pages():
            page = file.page
            uri = file.src_uri
            body = self._body_keys.get(uri)
            if page is None or body is None:
                continue
            neighbours = [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)]
            own = repr((page.url, page.title, page.meta, neighbours)).encode()
            key = hashlib.sha256(body + nav_key + own).digest()
            self._output_keys[uri] = key
            if body in self._used and self.store.has(key):
                self._reused_outputs.add(uri)
                page.meta = {**page.meta, "template": REUSED_TEMPLATE}
        return env

    def output(self, html: str, page: Page) -> str:
        """The page's whole output: the stored one, or `html`, noted for the store."""
        uri = page.file.src_uri
        key = self._output_keys.get(uri)
        if key is None:
            return html
        if uri in self._reused_outputs:
            stored = self.store.get(key)
            if isinstance(stored, _Output):
                self._used.add(key)
                self.reused["outputs"] += 1
                return zlib.decompress(stored.html).decode()
            raise GeneratorError(  # the store changed during the build (another build pruned it)
                "the cache of rendered pages changed during the build. Build again.",
                path=self.store.file if isinstance(self.store, DiskStore) else None,
            )
        self._new[key] = _Output(zlib.compress(html.encode(), 1))
        return html

    def finish(self) -> None:
        """The build succeeded: store its pages for the next. Pages that logged a warning are
        left out (their warning must come again)."""
        warned = self._warned.pages if self._warned else set()
        # `mkdocs build -q` drops warnings before any handler sees them, and `-v` leaves the
        # pages' links to anchors unchecked: what such a build rendered is not kept.
        keep = logging.getLogger("mkdocs").isEnabledFor(logging.WARNING)
        for uri, body in self._bodies.items():
            key = self._body_keys[uri]
            file = self._files.get_file_from_path(uri) if self._files else None
            if key in self._used or file is None or file.page is None:
                continue
            page = file.page
            links = page.links_to_anchors
            if uri in warned or not keep or links is None:
                self._new.pop(self._output_keys.get(uri, b""), None)
                continue
            self._new[key] = replace(
                body,
                anchors=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                links={target.src_uri: dict(a) for target, a in links.items()},
            )
        try:
            self.store.keep(self._new, self._used, self._site)
        finally:
            self.stop()

    def stop(self) -> None:
        """The build ended (or failed, or the server stops): forget what it rendered."""
        if self._warned is not None:
            logging.getLogger("mkdocs").removeHandler(self._warned)
            self._warned = None
        if self._files is not None:
            self._files.__dict__.pop("get_file_from_path", None)  # a page failed to convert
        self._body_keys, self._output_keys, self._bodies = {}, {}, {}
        self._new, self._used, self._reused_outputs = {}, set(), set()
        self._last = None
        self._nav, self._files = None, None
        self.store.close()

    def _body_key(self, markdown: str, page: Page, blocks: tuple[str, ...]) -> bytes:
        digest = hashlib.sha256(self._site_key)
        digest.update(repr((page.file.src_uri, page.url, page.meta)).encode())
        # The sections' HTML goes into the body after conversion; their numbers change when
        # an article before them changes, their content is what counts.
        start = 0
        for match in MARKDOWN_BLOCK_TOKEN.finditer(markdown):
            number = int(match.group(1))
            if number < len(blocks):
                digest.update(markdown[start : match.start()].encode())
                digest.update(hashlib.sha256(blocks[number].encode()).digest())
                start = match.end()
        digest.update(markdown[start:].encode())
        return digest.digest()


_NOT_OUTPUT = frozenset({"plugins", "config_file_path", "site_dir", "dev_addr", "watch", "strict"})
"""Configuration that does not change what a page looks like (the plugins' options are read
one by one; the server's address is in `site_url`). `validation` does: it decides which pages
warn, and a page that warned is never kept."""


def _canonical(value: Any, depth: int = 0) -> str:
    """`value` as text that is the same in every process and changes with what it holds: sets
    and mappings sorted; a function (an extension's slugify or emoji generator) by its name,
    defaults and closure; another object by its class and attributes. What cannot be written
    so (too deep, no attributes, an address in its text) gets a random text: nothing built
    with it is reused."""
    if depth > 8:
        return os.urandom(8).hex()
    inner = functools.partial(_canonical, depth=depth + 1)
    if isinstance(value, str | int | float | bool | bytes) or value is None:
        return repr(value)
    if isinstance(value, Mapping):
        return "{" + ",".join(sorted(f"{inner(k)}:{inner(v)}" for k, v in value.items())) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(inner(item) for item in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(inner(item) for item in value) + "]"
    if isinstance(value, functools.partial):
        return f"partial({inner(value.func)},{inner(value.args)},{inner(value.keywords)})"
    if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type | types.ModuleType):
        cells = []
        for cell in getattr(value, "__closure__", None) or ():
            try:
                cells.append(inner(cell.cell_contents))
            except ValueError:  # an empty cell
                cells.append("-")
        defaults = (getattr(value, "__defaults__", None), getattr(value, "__kwdefaults__", None))
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value.__name__)}"
        return f"{name}({inner(defaults)},{','.join(cells)})"
    text = repr(value)
    if " at 0x" not in text:
        return text
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        return f"{type(value).__module__}.{type(value).__qualname__}{inner(attributes)}"
    return os.urandom(8).hex()


@cache
def _software() -> bytes:
    """The versions of what renders the pages: Python, MkDocs (and its search plugin),
    Python-Markdown, Jinja, the theme (and its search plugin), and this generator's code.
    No other plugin reaches here (`others`)."""
    digest = hashlib.sha256(code_fingerprint() + sys.version.encode())
    for name in ("jinja2", "markdown", "mkdocs", "mkdocs-material", "pymdown-extensions"):
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=-\n".encode())
    return digest.digest()


def _nav_key(nav: Navigation | None, config: MkDocsConfig) -> bytes:
    """What every page's template shows besides the page: the nav (titles, addresses) and the
    theme's own templates (`custom_dir`, by content: a fresh checkout has new file times)."""
    digest = hashlib.sha256()

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            # Material shows each nav page's `subtitle`, `status` and `icon` on every page.
            meta = getattr(item, "meta", None)
            digest.update(
                repr((depth, type(item).__name__, item.title, getattr(item, "url", None), meta)).encode()
            )
            if isinstance(item, Section):
                walk(item.children, depth + 1)

    walk(nav.items if nav else [], 0)
    custom = config.theme.custom_dir
    if custom:
        for folder, folders, names in os.walk(custom):
            folders.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, custom).encode() + b"\0")
                digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.digest()
