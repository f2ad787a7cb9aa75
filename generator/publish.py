"""`python -m generator build`: build the site safely and reproducibly.

MkDocs builds into a scratch folder next to the site folder; only a
successful build replaces the previous site, so a failed build never leaves
a half-written site. The build date is pinned (`SOURCE_DATE_EPOCH`, unless
already set) to the newest article's date, so two builds of the same
sources are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.articles import read_articles
from generator.errors import GeneratorError
from generator.settings import load_settings


def source_date_epoch(config_file: Path) -> int:
    """Midnight (UTC) of the newest article's date; 0 for a site without articles."""
    settings = load_settings(config_file)
    dates = [article.meta.date for article in read_articles(settings.articles_dir)]
    if not dates:
        return 0
    newest = max(dates)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


@contextmanager
def _pinned_build_date(config_file: Path) -> Iterator[None]:
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(config_file))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def publish(config_file: Path, site_dir: Path | None = None) -> Path:
    """Build strictly into a scratch folder, then swap it in as the site; return the site folder."""
    config_file = config_file.resolve()
    target = (site_dir or config_file.parent / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    scratch.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
    try:
        with _pinned_build_date(config_file):
            config = load_config(str(config_file), site_dir=str(scratch), strict=True)
            build(config)
    except MkDocsException as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise GeneratorError(
            f"the build failed ({exc}); the previous site in {target} is unchanged. "
            "Fix the errors above and build again.",
            path=config_file,
        ) from None
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    _swap(scratch, target)
    return target


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
