"""Command line: `python -m generator import|explain|export`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.articles import LANGUAGES, read_article
from generator.check import advisories
from generator.errors import GeneratorError
from generator.export import export_site
from generator.importer import import_file
from generator.pipeline import analyse, build_site
from generator.sections import split_sections
from generator.settings import Settings, load_settings
from generator.themes import classify, load_themes


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)

    imp = commands.add_parser("import", help="convert a plain-text article into Markdown")
    imp.add_argument("file", type=Path, help="plain text: title on line 1, blank-line paragraphs")
    imp.add_argument("--date", type=_date, required=True, help="publication date, YYYY-MM-DD")
    imp.add_argument("--lang", choices=LANGUAGES, default="de")
    imp.add_argument("--source", help="URL of the original publication")
    imp.add_argument("--force", action="store_true", help="overwrite an existing article")

    explain = commands.add_parser("explain", help="show each section's theme scores")
    explain.add_argument("article", type=Path)

    export = commands.add_parser("export", help="write every generated page into a folder")
    export.add_argument("dir", type=Path)

    check = commands.add_parser(
        "check", help="validate articles, registry and themes; list advisories such as new names"
    )
    check.add_argument("--no-discovery", action="store_true", help="do not look for new names")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        if args.command == "import":
            return _import(args, settings)
        if args.command == "explain":
            return _explain(args, settings)
        if args.command == "check":
            return _check(args, settings)
        return _export(args, settings)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _import(args: argparse.Namespace, settings: Settings) -> int:
    target = import_file(
        args.file,
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


def _export(args: argparse.Namespace, settings: Settings) -> int:
    site = build_site(settings)
    written = export_site(site, args.dir)
    print(f"wrote {written} pages to {args.dir}")
    return 0


def _check(args: argparse.Namespace, settings: Settings) -> int:
    corpus = analyse(settings)
    found = advisories(corpus, discover=not args.no_discovery)
    for advisory in found:
        print(advisory)
    print(
        f"checked {len(corpus.articles)} articles, {len(corpus.registry.entities)} registry entries "
        f"and {len(corpus.themes.themes)} themes: no errors, {len(found)} advisories"
    )
    return 0
