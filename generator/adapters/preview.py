"""Under `mkdocs serve`: a rebuild renders only the pages that an edit changed.

`mkdocs serve` builds the whole site again after every save. The plugin lives from build to
build there, so it keeps what each page became in the last build: its body (MkDocs' Markdown
conversion, the sections' HTML put in) and its whole output (the theme's template around it).

- A page whose Markdown (the HTML of the sections it shows included), front matter and
  address are unchanged, in a site with the same files and configuration, takes its body
  from the last build instead of converting its Markdown again.
- If the nav, the page's neighbours and the theme's templates are unchanged too, the page
  takes its whole output: the template is not rendered either.
- A page that logged a warning while it was rendered (a broken link) is rendered again in
  every build, so that `mkdocs serve --strict` fails as a full build would.

What is written is byte for byte what a full build writes (`tests/test_preview.py` compares
them). `mkdocs build` never reuses anything: the published site renders every page.
"""

from __future__ import annotations

import hashlib
import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from generator.render.renderer import MARKDOWN_BLOCK_TOKEN

REUSED_TEMPLATE = "knowledge-reused.html"
"""The template of a page whose output is reused: nothing to render (its output replaces it)."""


@dataclass(frozen=True)
class _Body:
    key: bytes
    content: bytes
    """The page's HTML body, compressed (a site's bodies are most of its size)."""
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None
    """MkDocs' `links_to_anchors`, by the linked file's path (its `File` is new in every build)."""


@dataclass(frozen=True)
class _Output:
    key: bytes
    html: bytes
    """The page's whole output, compressed."""


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


class PreviewPages:
    """The pages of the last successful build, and the ones of the build under way."""

    def __init__(self) -> None:
        self._bodies: dict[str, _Body] = {}
        self._outputs: dict[str, _Output] = {}
        self._new_bodies: dict[str, _Body] = {}
        self._new_outputs: dict[str, _Output] = {}
        self._body_keys: dict[str, bytes] = {}
        self._output_keys: dict[str, bytes] = {}
        self._reused_outputs: set[str] = set()
        self._site_key = b""
        self._warned: _WarnedPages | None = None
        self._nav: Navigation | None = None
        self._files: Files | None = None
        self.reused = {"bodies": 0, "outputs": 0}
        """How many pages of the build under way took their body, their whole output, from the last."""

    def start(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """A build begins (MkDocs' `on_nav`: the files and the nav are final)."""
        self._stop_watching()
        self._new_bodies, self._new_outputs = {}, {}
        self._body_keys, self._output_keys, self._reused_outputs = {}, {}, set()
        self.reused = {"bodies": 0, "outputs": 0}
        self._nav, self._files = nav, files
        digest = hashlib.sha256()
        if config.config_file_path:  # everything a page's body and template depend on besides itself
            digest.update(Path(config.config_file_path).read_bytes())
        digest.update(repr((config.markdown_extensions, config.mdx_configs, config.site_url)).encode())
        for file in sorted(files, key=lambda f: f.src_uri):  # links resolve against the files
            digest.update(f"{file.src_uri}\0{file.inclusion}\n".encode())
        self._site_key = digest.digest()
        self._warned = _WarnedPages(config)
        logging.getLogger("mkdocs").addHandler(self._warned)

    def markdown(self, markdown: str, page: Page, blocks: tuple[str, ...]) -> str:
        """The Markdown MkDocs should convert: none if the page's body can be reused."""
        key = self._body_key(markdown, page, blocks)
        self._body_keys[page.file.src_uri] = key
        last = self._bodies.get(page.file.src_uri)
        return "" if last is not None and last.key == key else markdown

    def content(self, html: str, page: Page, files: Files) -> str:
        """The page's body: the last build's if it was reused, else `html`, noted for the next."""
        uri = page.file.src_uri
        key = self._body_keys.get(uri)
        if key is None:
            return html
        last = self._bodies.get(uri)
        if last is not None and last.key == key:
            html = zlib.decompress(last.content).decode()
            page.toc = last.toc
            page._title_from_render = last.title
            page.present_anchor_ids = set(last.anchors) if last.anchors is not None else None
            if last.links is not None:
                page.links_to_anchors = {
                    file: dict(anchors)
                    for target, anchors in last.links.items()
                    if (file := files.get_file_from_path(target)) is not None
                }
            self._new_bodies[uri] = last
            self.reused["bodies"] += 1
            return html
        self._new_bodies[uri] = _Body(
            key,
            zlib.compress(html.encode(), 1),
            page.toc,
            page._title_from_render,
            None,  # filled in `finish`: the plugin adds the sections' ids after this
            None,
        )
        return html

    def environment(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """All pages are read (MkDocs' `on_env`): decide which reuse their whole output."""
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
            last = self._outputs.get(uri)
            if last is not None and last.key == key and uri in self._new_bodies:
                self._reused_outputs.add(uri)
                page.meta = {**page.meta, "template": REUSED_TEMPLATE}
        return env

    def output(self, html: str, page: Page) -> str:
        """The page's whole output: the last build's if it is reused, else `html`, noted."""
        uri = page.file.src_uri
        if uri in self._reused_outputs:
            last = self._outputs[uri]
            self._new_outputs[uri] = last
            self.reused["outputs"] += 1
            return zlib.decompress(last.html).decode()
        key = self._output_keys.get(uri)
        if key is not None:
            self._new_outputs[uri] = _Output(key, zlib.compress(html.encode(), 1))
        return html

    def finish(self) -> None:
        """The build succeeded: what it rendered is what the next build may reuse. Pages that
        logged a warning are left out (their warning must come again)."""
        warned = self._warned.pages if self._warned else set()
        self._stop_watching()
        bodies = {}
        for uri, body in self._new_bodies.items():
            file = self._files.get_file_from_path(uri) if self._files else None
            if uri in warned or file is None or file.page is None:
                continue
            page = file.page
            if body.anchors is None:  # rendered in this build
                links = page.links_to_anchors
                body = _Body(
                    body.key,
                    body.content,
                    body.toc,
                    body.title,
                    frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                    {target.src_uri: dict(anchors) for target, anchors in links.items()}
                    if links is not None
                    else None,
                )
            bodies[uri] = body
        self._bodies = bodies
        self._outputs = {uri: output for uri, output in self._new_outputs.items() if uri in bodies}
        self._new_bodies, self._new_outputs = {}, {}
        self._nav, self._files = None, None

    def stop(self) -> None:
        """The server stops, or a build failed: nothing of the build under way is kept."""
        self._stop_watching()
        self._new_bodies, self._new_outputs = {}, {}
        self._nav, self._files = None, None

    def _stop_watching(self) -> None:
        if self._warned is not None:
            logging.getLogger("mkdocs").removeHandler(self._warned)
            self._warned = None

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


def _nav_key(nav: Navigation | None, config: MkDocsConfig) -> bytes:
    """What every page's template shows besides the page: the nav (titles, addresses) and the
    theme's own template files (`custom_dir`)."""
    digest = hashlib.sha256()

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            digest.update(repr((depth, type(item).__name__, item.title, getattr(item, "url", None))).encode())
            if isinstance(item, Section):
                walk(item.children, depth + 1)

    walk(nav.items if nav else [], 0)
    custom = config.theme.custom_dir
    if custom:
        for folder, _, names in sorted(os.walk(custom)):
            for name in sorted(names):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.digest()
