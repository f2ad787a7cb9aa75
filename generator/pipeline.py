"""The order of the stages, written in one place.

read -> split -> classify -> render pages. Each stage is a function from
frozen dataclasses to frozen dataclasses; see `generator.model`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.articles import read_articles
from generator.errors import GeneratorError
from generator.model import Article, GeneratedPage, NavItem
from generator.pages import build_nav, build_pages, sections_by_theme
from generator.render import Renderer
from generator.sections import split_sections
from generator.settings import Settings
from generator.themes import ThemeSet, classify, load_themes


@dataclass(frozen=True)
class Site:
    """Everything the generator derived from its inputs."""

    articles: tuple[Article, ...]
    """Classified articles, newest first."""
    themes: ThemeSet
    pages: tuple[GeneratedPage, ...]
    nav: tuple[NavItem, ...]


def analyse(settings: Settings) -> tuple[ThemeSet, tuple[Article, ...]]:
    """Read, split and classify every article; newest first."""
    themes = load_themes(settings.themes_file)
    articles = [classify(split_sections(a), themes) for a in read_articles(settings.articles_dir)]
    return themes, tuple(reversed(articles))


def build_site(settings: Settings) -> Site:
    """Run the whole pipeline; raises `GeneratorError` on bad input."""
    themes, articles = analyse(settings)
    pages = build_pages(
        articles,
        themes,
        Renderer(settings.templates_dir),
        home_intro=_home_intro(settings),
        latest=settings.latest,
    )
    nav = build_nav(themes, sections_by_theme(articles, themes))
    return Site(articles, themes, tuple(pages), tuple(nav))


def _home_intro(settings: Settings) -> str:
    try:
        return settings.home_file.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise GeneratorError("not valid UTF-8. Save it as UTF-8.", path=settings.home_file) from None
