"""The order of the stages, written in one place.

read -> split -> classify -> recognise -> attribute quotes -> render sections -> render pages.
Each stage is a function from frozen dataclasses to frozen dataclasses (see `generator.model`).
Each section is rendered to HTML once, entity links and quote anchors included
(`generator.render.linking`); the pages embed that HTML.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.analyse.mentions import find_mentions
from generator.analyse.names import first_names
from generator.analyse.quotes.assemble import QuoteFinder
from generator.analyse.quotes.lexicon import load_dictionaries
from generator.analyse.recognise import Recognizer
from generator.analyse.registry import Registry, load_registry
from generator.analyse.themes import ThemeSet, classify, load_themes
from generator.cache import ArticleCache
from generator.errors import GeneratorError, read_text_file
from generator.model import Article, GeneratedPage, NavItem
from generator.read.articles import check_renderable, read_articles
from generator.read.sections import split_sections
from generator.render.addresses import check_addresses, check_editor_links, generated_uris
from generator.render.entity_pages import EntityFacts, build_entity_pages, build_quotes_pages, collect_facts
from generator.render.feed import FEED_PATH, atom_feed
from generator.render.graph import build_graph, neighbourhood_svg, overview_svg
from generator.render.linking import LinkIndex, SectionRenderer
from generator.render.pages import build_nav, build_pages, sections_by_theme
from generator.render.renderer import Renderer
from generator.settings import Settings
from generator.text.mdtree import TreeBuilder


@dataclass(frozen=True)
class Corpus:
    """The inputs, read and analysed: what `check` and `explain` look at."""

    themes: ThemeSet
    registry: Registry
    recognizer: Recognizer
    articles: tuple[Article, ...]
    """Articles with sections, themes and mentions; newest first."""


@dataclass(frozen=True)
class Site:
    """Everything the generator derived from its inputs."""

    corpus: Corpus
    pages: tuple[GeneratedPage, ...]
    nav: tuple[NavItem, ...]
    blocks: tuple[str, ...]
    """The sections' HTML parts that the pages name by token (`renderer.BLOCK_TOKEN`)."""
    entities: dict[str, EntityFacts]
    files: dict[str, str]
    """Other generated files: path below the site root -> text (the Atom feed)."""


Progress = Callable[[Iterable[Article], int], Iterable[Article]]


class Stopwatch:
    """Seconds spent per stage (for `make bench`): `with watch("split"): … = split_sections(…)`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def analyse(
    settings: Settings,
    progress: Progress | None = None,
    watch: Stopwatch | None = None,
    memory: dict[str, Article] | None = None,
) -> Corpus:
    """Read, split, classify, recognise and attribute quotes, article by article.

    `progress` may wrap the loop over articles (the CLI shows a progress bar with it).
    `memory` keeps the analysed articles from build to build, besides the cache on disk
    (the MkDocs plugin keeps one under `mkdocs serve`).
    """
    watch = watch or Stopwatch()
    themes = load_themes(settings.themes_file)
    registry = load_registry(settings.registry_file)
    recognizer = Recognizer(registry)
    quotes = QuoteFinder(registry, recognizer)
    trees = TreeBuilder()
    renderer = SectionRenderer(
        _link_index(registry, recognizer, settings), settings.markdown_extensions, settings.extension_configs
    )
    cache = (
        ArticleCache(
            settings.cache_dir,
            [settings.themes_file, settings.registry_file],
            # What the rendered sections depend on besides the article and those files.
            extra=repr((settings.link_mode, settings.markdown_extensions, settings.extension_configs)),
            memory=memory,
        )
        if settings.cache_dir
        else None
    )
    analysed: set[str] = set()

    def reuse(path: Path, source_uri: str) -> Article | None:
        cached = cache.get_file(path, source_uri) if cache else None
        if cached is not None:
            analysed.add(cached.source_uri)
        return cached

    with watch("read"):
        read = read_articles(settings.articles_dir, reuse, settings.docs_dir, settings.unpublished)
    stages = _Stages(themes, recognizer, quotes, trees, renderer)
    todo = [original for original in read if original.source_uri not in analysed]
    done = iter(_analyse_all(stages, todo, watch))
    articles = []
    for original in progress(read, len(read)) if progress else read:
        if original.source_uri in analysed:
            articles.append(original)
            continue
        article = next(done)
        if cache:
            cache.put(original, article)
        articles.append(article)
    if cache:
        cache.prune()
    check_editor_links(articles, settings, generated_uris(registry, themes))
    return Corpus(themes, registry, recognizer, tuple(reversed(articles)))


@dataclass(frozen=True)
class _Stages:
    """What analysing one article needs (loaded once; inherited by worker processes)."""

    themes: ThemeSet
    recognizer: Recognizer
    quotes: QuoteFinder
    trees: TreeBuilder
    renderer: SectionRenderer

    def run(self, original: Article, watch: Stopwatch) -> Article:
        """Split, classify, recognise, attribute quotes, render sections: one article."""
        try:
            with watch("split"):
                article = split_sections(original)
            with watch("classify"):
                article = classify(article, self.themes)
            with watch("recognise"):
                article = find_mentions(article, self.recognizer, self.trees)
            with watch("quotes"):
                article = self.quotes.find(article, self.trees)
            with watch("render sections"):
                return self.renderer.render(article)
        except RecursionError:
            raise GeneratorError(
                "the text is nested too deeply to be rendered (lists, quotes or HTML inside each "
                "other). Flatten it.",
                path=original.path,
            ) from None


def prepare_for_edits() -> None:
    """Load once what analysing any article needs (the lemmatiser's dictionaries, the first-name
    list), so that under `mkdocs serve` the first edit does not wait for it: the first build
    reuses every cached article and would not load them."""
    load_dictionaries()
    first_names()


POOL_FROM = 40
"""From this many articles to analyse (a cold build, not an edit under `mkdocs serve`), the
analysis runs in one process per core."""
_STAGES: _Stages | None = None
"""The stages, for the worker processes (which `fork` hands them without pickling)."""


def _analyse_all(stages: _Stages, todo: list[Article], watch: Stopwatch) -> Iterator[Article]:
    """The analysed articles, in the order of `todo`: in this process, or, for many articles on
    a machine with several cores, in a pool of forked processes (same results: each article is
    analysed on its own; the stage times are added up over the workers)."""
    workers = min(len(os.sched_getaffinity(0)), len(todo) // (POOL_FROM // 2) or 1)
    if len(todo) < POOL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (stages.run(article, watch) for article in todo)
        return
    global _STAGES
    _STAGES = stages
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for article, seconds in pool.imap(_analyse_in_worker, todo, chunksize=4):
                for stage, spent in seconds.items():
                    watch.seconds[stage] = watch.seconds.get(stage, 0.0) + spent
                yield article
    finally:
        _STAGES = None


def _analyse_in_worker(original: Article) -> tuple[Article, dict[str, float]]:
    assert _STAGES is not None
    watch = Stopwatch()
    return _STAGES.run(original, watch), watch.seconds


def build_site(
    settings: Settings,
    watch: Stopwatch | None = None,
    *,
    inline_html: bool = False,
    memory: dict[str, Article] | None = None,
) -> Site:
    """Run the whole pipeline; raises `GeneratorError` on bad input.

    With `inline_html` the pages hold their sections' HTML themselves (a complete Markdown
    site, for `export`); otherwise `Site.blocks` does, for the MkDocs plugin. `memory`: see
    `analyse`."""
    watch = watch or Stopwatch()
    corpus = analyse(settings, watch=watch, memory=memory)
    renderer = Renderer(settings.templates_dir, inline_html=inline_html)
    with watch("render pages"):
        pages, nav, entities, files = _render(corpus, settings, renderer)
    return Site(corpus, pages, nav, tuple(renderer.blocks), entities, files)


def _render(
    corpus: Corpus, settings: Settings, renderer: Renderer
) -> tuple[tuple[GeneratedPage, ...], tuple[NavItem, ...], dict[str, EntityFacts], dict[str, str]]:
    """Stage 6: every generated page, the nav, the entity facts and the other files (the feed)."""
    pages = build_pages(
        corpus.articles,
        corpus.themes,
        renderer,
        home_intro=_home_intro(settings),
        latest=settings.latest,
    )
    entities = collect_facts(corpus.articles, corpus.registry)
    graph = build_graph(corpus.articles, entities, corpus.themes)
    entity_pages = build_entity_pages(
        entities, corpus.registry, renderer, lambda item: neighbourhood_svg(graph, item)
    )
    quote_pages = build_quotes_pages(corpus.articles, corpus.registry, renderer, entities)
    graph_page = GeneratedPage(
        urls.GRAPH, "Netzwerk", renderer.render("graph.md.j2", urls.GRAPH, svg=overview_svg(graph))
    )
    guide = settings.guide_file
    nav = build_nav(
        corpus.themes,
        sections_by_theme(corpus.articles, corpus.themes),
        corpus.registry,
        guide.relative_to(settings.docs_dir).as_posix() if guide and guide.is_file() else None,
    )
    files = {}
    if settings.site_url:
        files[FEED_PATH] = atom_feed(
            corpus.articles,
            site_url=settings.site_url,
            site_name=settings.site_name,
            theme_titles={theme.key: theme.title for theme in corpus.themes.all},
        )
    generated = (*pages, *entity_pages, *quote_pages, graph_page)
    check_addresses(generated, files, settings)
    return generated, tuple(nav), entities, files


def _link_index(registry: Registry, recognizer: Recognizer, settings: Settings) -> LinkIndex:
    return LinkIndex(
        recognizer=recognizer,
        entity_pages={e.id: urls.entity_page(registry.type_of(e).folder, e.id) for e in registry.entities},
        titles={e.id: e.name for e in registry.entities},
        mode=settings.link_mode,
        articles_folder=settings.articles_dir.relative_to(settings.docs_dir).as_posix(),
    )


def _home_intro(settings: Settings) -> str:
    """The editors' intro of the home page; a site may have none."""
    if not settings.home_file.exists():
        return ""
    intro = read_text_file(settings.home_file, if_missing="").replace("\r\n", "\n")
    check_renderable(intro, settings.home_file)
    return intro
