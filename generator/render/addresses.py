"""Checks that every page has its own address and every link of the editors leads somewhere.

Run by the pipeline on every build (cached articles included): two pages at one address would
silently replace each other, and the editors' links reach MkDocs as HTML, which it does not
check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markdown.extensions.toc import slugify as toc_slugify

from generator import urls
from generator.analyse.registry import Registry
from generator.analyse.themes import ThemeSet
from generator.errors import GeneratorError
from generator.model import Article, EditorLink, GeneratedPage, Section
from generator.read.articles import unpublished_spec
from generator.read.sections import parse_heading
from generator.render.linking import ids_in
from generator.settings import Settings


def check_addresses(pages: Iterable[GeneratedPage], files: dict[str, str], settings: Settings) -> None:
    """A `GeneratorError` when two pages would be published at one address: one would silently
    replace the other (an entity type in the folder `anleitung` and the editors' guide)."""
    taken: dict[str, str] = {}
    for page in pages:
        address = urls.page_path(page.src_uri)
        if address in taken:
            raise GeneratorError(
                f"the pages „{taken[address]}“ and „{page.title}“ would both be published at "
                f"/{address}. Rename the theme, entity or entity type folder in the configuration.",
                path=settings.config_file,
            )
        taken[address] = page.title
    written = {address + "index.html": title for address, title in taken.items()}
    written |= {name: name for name in files}
    docs, articles = settings.docs_dir, settings.articles_dir
    for path in docs.rglob("*") if docs.is_dir() else ():
        relative = path.relative_to(docs)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.suffix != ".md":  # a file MkDocs copies: a generated one would replace it
            if relative.as_posix() in written:
                raise GeneratorError(
                    f"the generator writes „{written[relative.as_posix()]}“ to /{relative.as_posix()}, "
                    "which would silently replace this file. Rename or move it.",
                    path=path,
                )
            continue
        if path.is_relative_to(articles) or relative.as_posix() == urls.HOME:
            continue  # the article pages and the home page take these places on purpose
        address = urls.page_path(urls.source_uri(relative))
        if address in taken:
            raise GeneratorError(
                f"this page and the generated page „{taken[address]}“ would both be published at "
                f"/{address}. Rename this file, or the theme, entity or entity type folder.",
                path=path,
            )


def generated_uris(registry: Registry, themes: ThemeSet) -> set[str]:
    """The source URIs of the generated pages an editor may link to (the first of each index)."""
    uris = {urls.HOME, urls.THEMES_INDEX, urls.ARTICLES_INDEX, urls.QUOTES_INDEX, urls.GRAPH}
    uris |= {urls.theme_page(theme.key) for theme in themes.all}
    uris |= {urls.entity_index(kind.folder) for kind in registry.types.values()}
    uris |= {urls.entity_page(registry.type_of(e).folder, e.id) for e in registry.entities}
    return uris


def check_editor_links(articles: Iterable[Article], settings: Settings, generated: set[str]) -> None:
    """A `GeneratorError` naming file and line for a relative link or image in an article that
    leads nowhere: to a file that does not exist, out of the docs folder, or to an anchor that
    is not on the article page it names. (MkDocs does not see these links: the sections reach
    it as HTML.) Checked on every build, also for articles that come from the cache."""
    articles = list(articles)
    by_uri = {article.source_uri: article for article in articles}
    ids: dict[str, set[str]] = {}
    for article in articles:
        for section in article.sections:
            for link in section.links:
                problem = _link_problem(link, by_uri, ids, settings, generated)
                if problem:
                    raise GeneratorError(
                        f"the link `{link.target}` {problem}. Fix the link, or add what it leads to.",
                        path=article.path,
                        line=_line_of(article, section, link.target),
                    )


def _link_problem(
    link: EditorLink,
    by_uri: dict[str, Article],
    ids: dict[str, set[str]],
    settings: Settings,
    generated: set[str],
) -> str | None:
    if link.resolved == ".." or link.resolved.startswith("../"):
        return "leads out of the docs folder"
    target = by_uri.get(link.resolved)
    if target is None:
        if link.resolved not in generated and not (settings.docs_dir / link.resolved).is_file():
            return f"leads to {link.resolved}, which does not exist"
        if link.resolved not in generated and unpublished_spec(settings.unpublished).match_file(
            link.resolved
        ):
            return (
                f"leads to {link.resolved}, which is not published (`exclude_docs`/`draft_docs` "
                "in mkdocs.yml): publish it or remove the link"
            )
        return None
    if link.anchor:
        if target.source_uri not in ids:
            ids[target.source_uri] = _page_ids(target, settings)
        if link.anchor not in ids[target.source_uri]:
            return f"points to #{link.anchor}, which is not on the page of {target.source_uri}"
    return None


def _page_ids(article: Article, settings: Settings) -> set[str]:
    """The ids of an article's page: its headings (as `toc` makes them), sections and quotes."""
    toc_options = settings.extension_configs.get("toc") or {}
    custom = toc_options.get("slugify")
    slug: Callable[[str, str], str] = custom if callable(custom) else toc_slugify
    separator = toc_options.get("separator", "-")
    found = {slug(article.meta.title, separator)} | {quote.anchor for quote in article.quotes}
    for section in article.sections:
        if section.anchor:
            found.add(section.anchor)
        for kind, text in section.body:
            if kind == "html":
                found |= ids_in([text])
            else:
                heading, explicit = parse_heading(text.lstrip("#").strip())
                found.add(explicit or slug(heading, separator))
    return found


def _line_of(article: Article, section: Section, target: str) -> int:
    lines = article.body.split("\n")
    first = max(section.line - article.body_line, 0)
    for offset, line in enumerate(lines[first:], start=first):
        if target in line:
            return article.body_line + offset
    return section.line
