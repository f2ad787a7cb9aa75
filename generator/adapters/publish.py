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
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.adapters.output import check_target, scratch_beside, swap_in
from generator.errors import GeneratorError
from generator.read.articles import read_articles
from generator.settings import Settings, load_settings


def source_date_epoch(settings: Settings) -> int:
    """Midnight (UTC) of the newest article's date; 0 for a site without articles."""
    dates = [
        article.meta.date for article in read_articles(settings.articles_dir, docs_dir=settings.docs_dir)
    ]
    if not dates:
        return 0
    newest = max(dates)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


@contextmanager
def _pinned_build_date(settings: Settings) -> Iterator[None]:
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(settings))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def is_built_site(folder: Path) -> bool:
    """Whether `folder` holds a site MkDocs built (which a new build may replace)."""
    return any((folder / name).is_file() for name in ("404.html", "sitemap.xml", "sitemap.xml.gz"))


def publish(config_file: Path, site_dir: Path | None = None) -> Path:
    """Build strictly into a scratch folder, then swap it in as the site; return the site folder."""
    config_file = config_file.resolve()
    settings = load_settings(config_file)
    target = site_dir or settings.site_dir or config_file.parent / "site"
    target = check_target(target, settings, looks_like_output=is_built_site)
    with scratch_beside(target) as scratch:
        try:
            with _pinned_build_date(settings):
                config = load_config(str(config_file), site_dir=str(scratch), strict=True)
                build(config)
        except MkDocsException as exc:
            raise GeneratorError(
                f"the build failed ({exc}); the previous site in {target} is unchanged. "
                "Fix the errors above and build again.",
                path=config_file,
            ) from None
        swap_in(scratch, target)
    return target
