"""`python -m generator build`: build the site safely and reproducibly.

MkDocs builds into a scratch folder next to the site folder; only a
successful build replaces the previous site, so a failed build never leaves
a half-written site, and no target that holds sources is ever written
(`generator.adapters.output`). The build date is pinned (`SOURCE_DATE_EPOCH`, unless
already set) to the newest article's date, so two builds of the same
sources are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.adapters.output import check_target, files_below, scratch_beside, swap_in
from generator.errors import GeneratorError
from generator.read.articles import read_articles
from generator.settings import PLUGIN_NAME, Settings, load_settings


def source_date_epoch(dates: Iterable[dt.date]) -> int:
    """Midnight (UTC) of the newest of the articles' `dates`; 0 for a site without articles."""
    newest = max(dates, default=None)
    if newest is None:
        return 0
    epoch = int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
    return max(epoch, 0)  # gzip (the sitemap) stores no time before 1970


@contextmanager
def _pinned_build_date(plugin: Any, settings: Settings) -> Iterator[None]:
    """Pin `SOURCE_DATE_EPOCH` for one build, unless the caller set it. The plugin sets it from
    the articles it reads anyway (`KnowledgePlugin.pin_build_date`), before any page takes the
    date; reading every front matter again for it cost 1–2 s at 1,000 articles. A configuration
    without the plugin has its articles read here."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    if plugin is not None:
        plugin.pin_build_date = True  # MkDocs keeps the instance: set back below
    else:
        articles = read_articles(
            settings.articles_dir, docs_dir=settings.docs_dir, unpublished=settings.unpublished
        )
        os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(article.meta.date for article in articles))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
        if plugin is not None:
            plugin.pin_build_date = False


_SITE_FILES = ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz")
_SOURCES = (
    "mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml", "pyproject.toml", ".git", ".gitignore"
)  # fmt: skip
"""Files MkDocs never writes into a site: their presence means the folder is a project."""
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as Markdown (and renders, so it never copies one into a site)."""


def not_built_site(folder: Path) -> str | None:
    """Why `folder` is no site MkDocs built (which a new build may replace); None if it is one.

    MkDocs writes all of `_SITE_FILES`; a folder of theme overrides or a hand-made web folder
    may hold a 404.html, but not the compressed sitemap, and never Markdown (MkDocs renders
    it) or a project's files, at any depth (a Git checkout or an export kept inside)."""
    missing = next((name for name in _SITE_FILES if not (folder / name).is_file()), None)
    if missing is not None:
        return f"there is no {missing}, which MkDocs writes into every site"
    for relative, entry in files_below(folder):
        parts = relative.split("/")
        if any(part in _SOURCES for part in parts) or entry.name.lower().endswith(_MARKDOWN):
            return f"{relative} is nothing MkDocs writes into a site"
    return None


def is_built_site(folder: Path) -> bool:
    """Whether `folder` holds a site MkDocs built (which a new build may replace)."""
    return not_built_site(folder) is None


def publish(config_file: Path, site_dir: Path | None = None) -> Path:
    """Build strictly into a scratch folder, then swap it in as the site; return the site folder."""
    config_file = config_file.resolve()
    settings = load_settings(config_file)
    target = site_dir or settings.site_dir or config_file.parent / "site"
    target = check_target(target, settings, not_output=not_built_site)
    with scratch_beside(target) as scratch:
        plugin = None
        try:
            config = load_config(str(config_file), site_dir=str(scratch), strict=True)
            plugin = config.plugins.get(PLUGIN_NAME)
            with _pinned_build_date(plugin, settings):
                config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
                with _said_once(plugin):
                    build(config)
        except MkDocsException as exc:
            error = getattr(plugin, "error", None)
            if error is not None:  # the plugin's own message, once, naming the file and line
                raise GeneratorError(
                    f"{error.message} (The previous site in {target} is unchanged.)",
                    path=error.path,
                    line=error.line,
                ) from None
            raise GeneratorError(
                f"the build failed ({exc}); the previous site in {target} is unchanged. "
                "Fix the errors above and build again.",
                path=config_file,
            ) from None
        swap_in(scratch, target)
    return target


@contextmanager
def _said_once(plugin: Any) -> Iterator[None]:
    """Keep MkDocs from logging the plugin's error: `publish` raises it itself, as one line."""

    def not_the_plugins_error(record: logging.LogRecord) -> bool:
        error = getattr(plugin, "error", None)
        return error is None or record.getMessage() != str(error)

    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(not_the_plugins_error)
    try:
        yield
    finally:
        logger.removeFilter(not_the_plugins_error)
