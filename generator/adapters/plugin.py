"""The MkDocs adapter: adds the generated pages to the build and watches the sources.

All the work happens in `generator.pipeline.build_site`; this module only
translates between it and MkDocs.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.adapters.navigation import mkdocs_nav
from generator.adapters.output import check_docs_folder, check_target
from generator.adapters.pagefind import PART_BYTES, BackgroundIndex, index_site, use_pagefind
from generator.adapters.publish import not_built_site, source_date_epoch
from generator.adapters.rendered import DiskStore, MemoryStore, RenderedPages, held_content, others
from generator.adapters.search import replace_search_worker, skip_material_index, stem_german_queries
from generator.errors import GeneratorError
from generator.model import Article
from generator.pipeline import Site, build_site, prepare_for_edits
from generator.read.articles import check_renderable
from generator.render.linking import for_page, ids_in
from generator.render.renderer import BLOCK_TOKEN
from generator.settings import OPTIONS, Option, Settings, reads_other_files

log = logging.getLogger("mkdocs.plugins.knowledge")
REQUIRED_EXTENSIONS = ("attr_list", "toc", "tables")


def _config_option(option: Option) -> Any:
    if option.choices:
        return opt.Choice(option.choices, default=option.default)
    return opt.Type(option.kind, default=option.default)


# The schema comes from the one list of options in generator/settings.py; MkDocs validates it.
KnowledgeConfig = type("KnowledgeConfig", (Config,), {name: _config_option(o) for name, o in OPTIONS.items()})


def _any_folder(folder: Path) -> None:
    return None


class KnowledgePlugin(BasePlugin[KnowledgeConfig]):  # type: ignore[valid-type]
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.site: Site | None = None
        self.pagefind = False
        self.blocks: tuple[str, ...] = ()
        self.error: GeneratorError | None = None
        """The last build's input error, which `generator build` prints as one line."""
        self.serving = False
        """Under `mkdocs serve` (MkDocs then keeps this instance from build to build)."""
        self.indexing: BackgroundIndex | None = None
        self.others = False
        """Another plugin or hook is configured: it may read the generated pages' sources."""
        self.rendered: RenderedPages | None = None
        """The pages of the last build, for the pages that did not change (`generator.adapters.rendered`)."""
        self.kept_pages: MemoryStore | None = None
        """Under `mkdocs serve` with the cache turned off: the last build's pages, in memory."""
        self.articles: dict[str, Article] | None = None
        """Under `mkdocs serve`: the last build's analysed articles (no need to read the cache)."""
        self.pin_build_date = False
        """Set by `generator build` (`adapters.publish`): pin `SOURCE_DATE_EPOCH` to the newest
        article's date, for reproducible output."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.kept_pages = MemoryStore() if self.serving else None
        self.articles = {} if self.serving else None

    def on_shutdown(self) -> None:
        self.serving = False
        if self.rendered is not None:
            self.rendered.stop()
            self.rendered = None
        self.kept_pages = None
        self.articles = None
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None

    def _failed(self, error: GeneratorError) -> PluginError:
        self.error = error
        return PluginError(str(error))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.error = None
        if self.indexing is not None:  # the preview's last index: done, failed, or overtaken
            finished = self.indexing.done()
            self.indexing.stop()
            if finished:
                try:
                    self.indexing.result()
                except GeneratorError as exc:  # the preview's search only; no reason to stop
                    log.info("knowledge: the preview's search index failed: %s", exc)
            self.indexing = None
        root = Path(config.config_file_path or ".").resolve().parent
        if not config.use_directory_urls:
            # The feed, the network picture and Pagefind's index link pages as `x/`.
            raise PluginError(
                f"{config.config_file_path}: the knowledge site needs `use_directory_urls: true` "
                "(MkDocs' default): its pages, feed, network picture and search link pages as "
                "folders. Remove `use_directory_urls: false` from mkdocs.yml, or the plugin that "
                "turns it off (Material's `offline` plugin does)."
            )
        for extension in REQUIRED_EXTENSIONS:  # generated pages use heading ids and classes
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        try:
            self.settings = Settings.from_options(
                root,
                Path(config.docs_dir),
                dict(self.config),
                site_url=config.site_url,
                site_name=config.site_name,
                config_file=Path(config.config_file_path) if config.config_file_path else None,
                # The sections are rendered with exactly the extensions MkDocs uses.
                markdown_extensions=tuple(config.markdown_extensions),
                extension_configs=dict(config.mdx_configs),
                unpublished=tuple(
                    pattern.pattern
                    for spec in (config.exclude_docs, config.draft_docs)
                    for pattern in (spec.patterns if spec else ())
                    if isinstance(pattern.pattern, str)
                ),
            )
            # `mkdocs build -d config` (or `-d .git`) would empty that folder; MkDocs copies
            # folder links, so one leading back up would fill the disk.
            # Under serve the site folder is MkDocs' own temporary one, which a failed build
            # may have left half-emptied: only the sources are refused there.
            check_target(
                Path(config.site_dir),
                self.settings,
                not_output=_any_folder if self.serving else not_built_site,
            )
            check_docs_folder(self.settings.docs_dir, self.settings.articles_dir)
        except GeneratorError as exc:
            raise self._failed(exc) from None
        if self.serving:
            prepare_for_edits()
        cache = self.settings.cache_dir
        store = DiskStore(cache / "pages.sqlite") if cache else self.kept_pages
        reading = reads_other_files(self.settings.markdown_extensions)
        unknown = others(config.plugins)
        if reading or unknown:
            log.info(
                "knowledge: %s may change pages in ways no cache key shows; every page is rendered",
                reading or ", ".join(unknown),
            )
            store = None
        self.rendered = RenderedPages(store) if store is not None else None
        self.others = bool(unknown)
        try:
            self.site = build_site(self.settings, memory=self.articles)
        except GeneratorError as exc:
            raise self._failed(exc) from None
        self.blocks = self.site.blocks
        if self.pin_build_date and "SOURCE_DATE_EPOCH" not in os.environ:
            dates = (article.meta.date for article in self.site.corpus.articles)
            os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(dates))
        if config.nav is None:
            config.nav = [mkdocs_nav(item) for item in self.site.nav]
        else:
            log.info("mkdocs.yml sets its own `nav`; remove it to get the generated one (themes, indexes).")
        articles = self.site.corpus.articles
        self.pagefind = use_pagefind(self.settings.search_backend, len(articles), self.settings.pagefind_from)
        if self.pagefind and "material/search" not in config.plugins:
            raise PluginError(
                "the Pagefind search backend answers Material's search box: add `- search` under "
                "`plugins:` in mkdocs.yml, or set `search_backend: lunr`."
            )
        log.info(
            "knowledge: %d articles, %d sections, %d quotes, %d generated pages",
            len(articles),
            sum(len(a.sections) for a in articles),
            sum(len(a.quotes) for a in articles),
            len(self.site.pages),
        )
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None and self.settings is not None
        articles_dir = self.settings.articles_dir.resolve()
        for file in list(files):
            source = Path(file.abs_src_path or "")
            if file.is_documentation_page() and source.resolve().is_relative_to(articles_dir):
                files.remove(file)  # replaced by the generated article page; images stay
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            # Included whatever `exclude_docs` says: what it leaves out of the articles, the
            # core left out already; `people/` there must not take the entity pages.
            files.append(
                File.generated(config, page.src_uri, content=page.content, inclusion=InclusionLevel.INCLUDED)
            )
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.INCLUDED))
        # MkDocs holds the generated pages now; the analysed corpus is not needed any more
        # (the sections' HTML is in `blocks`), so it need not stay in memory while MkDocs renders.
        self.site = None
        search = self.settings.templates_dir / "search"
        if self.pagefind:
            replace_search_worker(files, config, search / "pagefind-worker.js")
        else:
            stem_german_queries(files, config, search / "german-query.js")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.rendered is not None:
            try:
                self.rendered.start(config, files, nav)
            except GeneratorError as exc:
                raise self._failed(exc) from None
        return nav

    # Last, so that the Markdown compared with the last build's is what MkDocs converts.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        if page.file.generated_by is None and page.file.abs_src_path:  # an editors' page
            try:
                check_renderable(markdown, Path(page.file.abs_src_path))
            except GeneratorError as exc:
                raise self._failed(exc) from None
        if self.pagefind:
            skip_material_index(page.meta)
        if self.rendered is not None:
            return self.rendered.markdown(markdown, page, self.blocks, files)
        return markdown

    # First, so that other plugins see the sections, and what is kept is what they start from.
    @event_priority(100)
    def _sections(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        # MkDocs keeps every page's Markdown until the build ends; once converted, it is only a
        # second copy of the source, so it is let go. Not None: `Page.title` answers None for a
        # page without Markdown; it uses the rendered heading. A generated page's file holds
        # its Markdown in memory (15 MB at 1,000 articles); unless another plugin might read
        # it, it goes too.
        page.markdown = ""
        if page.file.generated_by is not None and not self.others:
            page.file.content_string = ""
        if "KNBLOCK" in html:
            html = self._put_in_sections(html, page)
        if self.rendered is not None:
            return self.rendered.content(html, page, files)
        return html

    # Last: what MkDocs keeps of the page until the build ends.
    @event_priority(-100)
    def _hold(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """MkDocs converts every page before it renders the first template, and keeps all their
        HTML until the build ends: more than half of the build's memory (61 MB of 150 at 1,000
        articles, measured with tracemalloc). From here on the page keeps it compressed
        (`held_content`): whoever reads `page.content` (the page's template, Material's
        search, another page's template, a hook) gets it back in full."""
        held_content(page, html, self.rendered.compressed(page, html) if self.rendered is not None else None)
        return html

    on_page_content = CombinedEvent(_sections, _hold)

    def _put_in_sections(self, html: str, page: Any) -> str:
        ids: set[str] = set()

        def section_html(match: re.Match[str]) -> str:
            block = self.blocks[int(match.group(1))]
            ids.update(ids_in([block]))
            return for_page(block, page.file.src_uri)

        html = BLOCK_TOKEN.sub(section_html, html)
        # MkDocs checks links to anchors after every page is rendered: the sections' ids (quote
        # anchors) are on the page, although MkDocs did not see them in its Markdown.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= ids
        return html

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.blocks = ()  # every page is converted: the sections' HTML is in them
        if self.rendered is not None:
            return self.rendered.environment(env, config, files)
        return env

    # Last: the output is kept as it is written.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if self.rendered is not None:
            return self.rendered.output(output, page)
        return output

    def on_build_error(self, *, error: Exception) -> None:
        if self.rendered is not None:
            self.rendered.stop()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.rendered is not None:
            reused = self.rendered.reused
            try:
                self.rendered.finish()
            except GeneratorError as exc:
                raise self._failed(exc) from None
            log.info(
                "knowledge: %d page bodies and %d whole pages reused from the last build",
                reused["bodies"],
                reused["outputs"],
            )
        if not self.pagefind:
            return
        if self.serving:
            # The preview shows the edit at once; its search index follows a few seconds later.
            self.indexing = BackgroundIndex(Path(config.site_dir), part_bytes=self._part_bytes())
            log.info("knowledge: Pagefind indexes the preview in the background")
            return
        try:
            cache = self.settings.cache_dir if self.settings else None
            index = index_site(
                Path(config.site_dir),
                cache=cache / "pagefind" if cache else None,
                part_bytes=self._part_bytes(),
            )
        except GeneratorError as exc:
            raise self._failed(exc) from None
        if index.reused:
            log.info("knowledge: the pages are those of the last build; its Pagefind index is reused")
        else:
            log.info(
                "knowledge: Pagefind indexed %d pages into %s/ (%d part%s, %d kept from the last build)",
                index.pages,
                index.folder.name,
                index.parts,
                "" if index.parts == 1 else "s",
                index.kept,
            )

    def _part_bytes(self) -> int:
        return self.settings.pagefind_part_kb * 1000 if self.settings else PART_BYTES

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        assert self.settings is not None
        for path in self.settings.watched:
            server.watch(str(path))
        return server
