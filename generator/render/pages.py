"""Render stage: classified articles in, generated Markdown pages and the nav out."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from generator import urls
from generator.analyse.registry import Registry
from generator.analyse.themes import Theme, ThemeSet
from generator.model import Article, GeneratedPage, NavItem, Section
from generator.render.renderer import Renderer
from generator.text.mdtext import escape_inline

T = TypeVar("T")


SECTIONS_PER_PAGE = 50
ARTICLES_PER_PAGE = 100


@dataclass(frozen=True)
class Pager:
    """Where one page of a long list stands among its pages."""

    number: int
    total: int
    uri: Callable[[int], str]

    @property
    def previous(self) -> str | None:
        return self.uri(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.uri(self.number + 1) if self.number < self.total else None


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Pages of at most `size` items; one empty page for no items."""
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


@dataclass(frozen=True)
class SectionRef:
    """A section together with the article it belongs to (what theme pages list)."""

    article: Article
    section: Section

    @property
    def title(self) -> str:
        """Markdown: the heading as the editor wrote it, or the article's title (text) for the lead."""
        return self.section.heading or escape_inline(self.article.meta.title)


def sections_by_theme(articles: Sequence[Article], themes: ThemeSet) -> dict[str, list[SectionRef]]:
    """Theme key -> its sections, in the order of `articles` (newest first), then article order."""
    grouped: dict[str, list[SectionRef]] = {theme.key: [] for theme in themes.all}
    for article in articles:
        for section in article.sections:
            grouped[section.theme or themes.fallback.key].append(SectionRef(article, section))
    return grouped


def visible_themes(themes: ThemeSet, grouped: dict[str, list[SectionRef]]) -> list[Theme]:
    """The themes of the file, and the fallback only while some section uses it."""
    return [*themes.themes, *([themes.fallback] if grouped[themes.fallback.key] else [])]


def build_pages(
    articles: Sequence[Article],
    themes: ThemeSet,
    renderer: Renderer,
    *,
    home_intro: str,
    latest: int,
) -> list[GeneratedPage]:
    """Every generated page; `articles` are newest first."""
    grouped = sections_by_theme(articles, themes)
    shown = visible_themes(themes, grouped)
    pages = [
        GeneratedPage(
            urls.article_page(article.stem),
            article.meta.title,
            renderer.render("article.md.j2", urls.article_page(article.stem), article=article, themes=themes),
        )
        for article in articles
    ]
    # Long lists are split into pages of fixed size, so that no page grows with the corpus.
    for theme in shown:
        chunks = paginate(grouped[theme.key], SECTIONS_PER_PAGE)
        for number, refs in enumerate(chunks, start=1):
            uri = urls.theme_page(theme.key, number)
            pager = Pager(number, len(chunks), functools.partial(urls.theme_page, theme.key))
            title = theme.title if number == 1 else f"{theme.title} (Seite {number})"
            pages.append(
                GeneratedPage(
                    uri, title, renderer.render("theme.md.j2", uri, theme=theme, refs=refs, pager=pager)
                )
            )
    pages.append(
        GeneratedPage(
            urls.THEMES_INDEX,
            "Themen",
            renderer.render("themes_index.md.j2", urls.THEMES_INDEX, themes=shown, grouped=grouped),
        )
    )
    article_pages = paginate(articles, ARTICLES_PER_PAGE)
    for number, chunk in enumerate(article_pages, start=1):
        uri = urls.articles_index(number)
        pager = Pager(number, len(article_pages), urls.articles_index)
        pages.append(
            GeneratedPage(
                uri,
                "Artikel",
                renderer.render(
                    "articles_index.md.j2", uri, articles=chunk, pager=pager, total=len(articles)
                ),
            )
        )
    pages.append(
        GeneratedPage(
            urls.HOME,
            "Start",
            renderer.render(
                "home.md.j2",
                urls.HOME,
                intro=home_intro,
                themes=shown,
                grouped=grouped,
                articles=articles[:latest],
                total=len(articles),
            ),
        )
    )
    return pages


def build_nav(
    themes: ThemeSet, grouped: dict[str, list[SectionRef]], registry: Registry, guide: str | None = None
) -> list[NavItem]:
    """A nav whose size depends on the themes and entity types only, never on the corpus size.

    `guide` is the source URI of the editors' guide, if there is one.
    """
    return [
        NavItem("Start", urls.HOME),
        NavItem(
            "Themen",
            children=(
                NavItem("Übersicht", urls.THEMES_INDEX),
                *(NavItem(t.title, urls.theme_page(t.key)) for t in visible_themes(themes, grouped)),
            ),
        ),
        NavItem("Artikel", urls.ARTICLES_INDEX),
        *(NavItem(kind.title, urls.entity_index(kind.folder)) for kind in registry.types.values()),
        NavItem("Zitate", urls.QUOTES_INDEX),
        NavItem("Netzwerk", urls.GRAPH),
        *([NavItem("Anleitung", guide)] if guide else []),
    ]
