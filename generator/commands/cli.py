"""Command line: `python -m generator build|new|import|check|explain|export`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from generator.adapters.export import export_site
from generator.adapters.output import check_docs_folder
from generator.analyse.mentions import find_mentions
from generator.analyse.quotes.assemble import QuoteFinder
from generator.analyse.recognise import Recognizer
from generator.analyse.registry import load_registry
from generator.analyse.themes import classify, load_themes
from generator.commands.check import advisories, line_containing
from generator.commands.importer import import_file, new_article
from generator.errors import GeneratorError
from generator.model import Article
from generator.pipeline import analyse, build_site
from generator.read.articles import LANGUAGES, read_article
from generator.read.sections import split_sections
from generator.settings import Settings, load_settings
from generator.text.mdtree import TreeBuilder

T = TypeVar("T")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site; replace site/ only when the build succeeded")
    build.add_argument("--site-dir", type=Path, help="output folder (default: site/ next to mkdocs.yml)")

    new = commands.add_parser("new", help="start a new article with valid front matter")
    new.add_argument("title", help="the headline")
    new.add_argument("--date", type=_date, default=dt.date.today(), help="YYYY-MM-DD (default: today)")
    new.add_argument("--lang", choices=LANGUAGES, default="de")

    imp = commands.add_parser("import", help="convert plain-text articles into Markdown")
    imp.add_argument(
        "files",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="plain text: title on line 1, blank-line paragraphs",
    )
    imp.add_argument("--date", type=_date, required=True, help="publication date, YYYY-MM-DD")
    imp.add_argument("--lang", choices=LANGUAGES, default="de")
    imp.add_argument("--source", help="URL of the original publication")
    imp.add_argument("--force", action="store_true", help="overwrite an existing article")

    explain = commands.add_parser("explain", help="show each section's theme scores, or the quotes")
    explain.add_argument("article", type=Path)
    explain.add_argument(
        "--quotes", action="store_true", help="list each quote with its speaker, kind and evidence"
    )

    export = commands.add_parser("export", help="write every generated page into a folder")
    export.add_argument("dir", type=Path)

    synth = commands.add_parser("synth", help="write a deterministic synthetic corpus (for benchmarks)")
    synth.add_argument("count", type=int, help="number of articles")
    synth.add_argument("dir", type=Path, help="folder for articles/ and entities.yml")
    synth.add_argument("--registry", type=int, default=200, help="registry entries (default 200)")
    synth.add_argument("--seed", type=int, default=1)

    check = commands.add_parser(
        "check", help="validate articles, registry and themes; list advisories such as new names"
    )
    check.add_argument("--no-discovery", action="store_true", help="do not look for new names")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _log_mkdocs_to_stderr()
    commands = {
        "build": _build,
        "new": _new,
        "import": _import,
        "explain": _explain,
        "check": _check,
        "export": _export,
        "synth": _synth,
    }
    try:
        if args.command == "synth":  # needs no site
            return _synth(args, None)
        settings = load_settings(args.config)
        return commands[args.command](args, settings)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is at the time (tests and tools replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _log_mkdocs_to_stderr() -> None:
    """Show MkDocs' warnings and errors (our plugin logs under mkdocs.plugins.knowledge)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterable[T]:
    """A progress bar on a terminal; nothing in CI or when output is redirected."""
    quiet = bool(os.environ.get("CI")) or not sys.stderr.isatty()
    return tqdm(items, desc=description, total=total, disable=quiet, file=sys.stderr, leave=False)


def _build(args: argparse.Namespace, settings: Settings) -> int:
    from generator.adapters.publish import publish  # imports MkDocs' build machinery only when building

    site = publish(args.config, args.site_dir)
    print(f"site built into {site}")
    return 0


def _new(args: argparse.Namespace, settings: Settings) -> int:
    target = new_article(settings.articles_dir, args.title, date=args.date, lang=args.lang)
    print(f"wrote {target}")
    return 0


def _import(args: argparse.Namespace, settings: Settings) -> int:
    for file in progress(args.files, "import"):
        target = import_file(
            file,
            settings.articles_dir,
            date=args.date,
            lang=args.lang,
            source=args.source,
            force=args.force,
        )
        print(f"wrote {target}")
    return 0


def _explain(args: argparse.Namespace, settings: Settings) -> int:
    themes = load_themes(settings.themes_file)
    article = classify(split_sections(read_article(args.article)), themes)
    if args.quotes:
        return _explain_quotes(article, settings)
    print(f"{article.path}  ({article.meta.lang}, min_score {themes.min_score:g})")
    for section in article.sections:
        heading = section.heading or "(Einleitung)"
        print(f"\n{article.path}:{section.line}: {heading}")
        for score in section.scores:
            marker = "->" if score.theme == section.theme else "  "
            hits = ", ".join(f"{term}×{count}" for term, count in score.hits)
            print(f"  {marker} {score.theme:<28} {score.score:6.1f}  {hits}")
        if section.theme_override:
            print(f"  -> {section.theme} (override on line {section.override_line})")
        elif section.theme == themes.fallback.key:
            print(f"  -> {section.theme} (no theme reached min_score {themes.min_score:g})")
    return 0


GROUPS = {"unnamed": "Ohne Namen (the source stays unnamed)", "unsure": "Ohne sichere Zuordnung"}


def _explain_quotes(article: Article, settings: Settings) -> int:
    """Each quote as the quote index lists it, with the evidence for its speaker."""
    registry = load_registry(settings.registry_file)
    recognizer = Recognizer(registry)
    trees = TreeBuilder()
    article = QuoteFinder(registry, recognizer).find(find_mentions(article, recognizer, trees), trees)
    print(f"{article.path}: {len(article.quotes)} quotes")
    last: dict[str, int] = {}
    for quote in article.quotes:
        # identical sentences: each one after the one listed before it
        start = max(article.sections[quote.section].line, last.get(quote.sentence, 0))
        line = line_containing(article, start, quote.sentence[:25], quote.text[:25])
        last[quote.sentence] = line + 1
        speaker = quote.speaker_name if quote.group == "named" else GROUPS[quote.group]
        print(f"\n{article.path}:{line}: {speaker} · {quote.kind}")
        print(f"  {quote.display}")
        print(f"  evidence: {quote.evidence}")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    site = build_site(settings, inline_html=True)
    written = export_site(site, args.dir, settings)
    print(
        f"wrote {written} pages and files to {args.dir}/docs; "
        f"build them with `mkdocs build -f {args.dir}/mkdocs.yml`"
    )
    return 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    check_docs_folder(settings.docs_dir, settings.articles_dir)  # what would stop MkDocs
    corpus = analyse(settings, progress=lambda items, total: progress(items, "check", total))
    drafts = 0
    if settings.unpublished:
        # Drafts (`exclude_docs`/`draft_docs`) are checked too, so that publishing one cannot
        # break the build; with the cache, only they are analysed again.
        everything = analyse(dataclasses.replace(settings, unpublished=()))
        drafts = len(everything.articles) - len(corpus.articles)
    found = advisories(corpus, discover=not args.no_discovery)
    for advisory in found:
        print(advisory)
    print(
        f"checked {len(corpus.articles)} articles"
        + (f" and {drafts} drafts" if drafts else "")
        + f", {len(corpus.registry.entities)} registry entries "
        f"and {len(corpus.themes.themes)} themes: no errors, {len(found)} advisories"
    )
    return 0


def _synth(args: argparse.Namespace, settings: Settings | None) -> int:
    from generator.commands.synth import write_corpus

    folder = write_corpus(args.count, args.dir, registry_size=args.registry, seed=args.seed)
    print(f"wrote {args.count} articles and a registry of {args.registry} entries to {folder}")
    return 0
