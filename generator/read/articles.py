"""Read stage: article files in, `Article`s with validated front matter out."""

from __future__ import annotations

import datetime as dt
import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import markdown
import pathspec
from markdown.treeprocessors import Treeprocessor

from generator import urls
from generator.errors import GeneratorError
from generator.model import Article, ArticleMeta
from generator.text.mdtree import ANALYSIS_EXTENSIONS
from generator.text.readable import control_character, editor_text
from generator.text.yamlfile import LineMap, load_yaml
from generator.urls import slugify, web_address

LANGUAGES = ("de", "en")
REQUIRED_KEYS = ("title", "date")
OPTIONAL_KEYS = ("lang", "source", "authors", "tags", "summary")
_STEM = re.compile(r"[a-z0-9][a-z0-9-]*")
_RESERVED_STEMS = {"index"}


MAX_ARTICLE_BYTES = 5_000_000
"""Far above any real article (the sample has 10 kB); a larger file is a mistake, such as a
pasted log or an export with embedded images, that would only slow every build down."""


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What MkDocs reads as Markdown, in any case; articles must use `.md`."""


def article_files(folder: Path) -> list[Path]:
    """Every `*.md` file in `folder` and its sub-folders (editors may file articles by year).

    Hidden files and folders (a part of the path below `folder` starting with ".") are left
    out. Anything else that MkDocs would treat as Markdown but is no readable `.md` file (a
    `.markdown` file, a folder or pipe named `x.md`, a link that leads nowhere) is an error:
    it would otherwise vanish from the site without a word."""
    if not folder.is_dir():
        raise GeneratorError(
            "the article folder does not exist. Create it or fix `articles` in mkdocs.yml.",
            path=folder,
        )
    found = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        if path.suffix != ".md":
            raise GeneratorError(
                f"articles end in `.md`; this one would not be published. Rename it to {path.stem}.md.",
                path=path,
            )
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise GeneratorError(
                "this link leads nowhere (its target is missing, or links lead in a circle). "
                "Remove the link, or copy the article here.",
                path=path,
            ) from None
        if not target.is_file():
            raise GeneratorError(
                "this is not a file but a folder or a device named like an article. Rename or remove it.",
                path=path,
            )
        found.append(path)
    return found


@functools.lru_cache(maxsize=8)
def unpublished_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """The matcher of gitignore lines such as `exclude_docs` (MkDocs matches them with
    pathspec too), for source URIs relative to the docs folder."""
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def read_articles(
    folder: Path,
    reuse: Callable[[Path, str], Article | None] | None = None,
    docs_dir: Path | None = None,
    unpublished: Sequence[str] = (),
) -> list[Article]:
    """Every article below `folder`, oldest first (ties by file name); `docs_dir` (default: the
    folder's parent) is where their source URIs start. Files whose source URI matches a line of
    `unpublished` (gitignore patterns, as MkDocs' `exclude_docs`) are left out.

    `reuse(path, source_uri)` may return an article analysed before from the same bytes, which
    then stands in for parsing the file (the per-article cache)."""
    docs = (docs_dir or folder.parent).resolve()
    root = folder.resolve()
    left_out = unpublished_spec(tuple(unpublished)) if unpublished else None
    articles = []
    for path in article_files(folder):
        if not path.resolve().is_relative_to(root):
            raise GeneratorError(
                f"this file links to {path.resolve()}, outside the article folder. "
                "Copy the article into the folder instead of linking to it.",
                path=path,
            )
        source_uri = urls.source_uri(path.resolve().relative_to(docs))
        if left_out is not None and left_out.match_file(source_uri):
            continue
        known = reuse(path, source_uri) if reuse else None
        articles.append(known or read_article(path, source_uri=source_uri))
    seen: dict[str, Path] = {}
    for article in articles:
        if article.stem in seen:
            raise GeneratorError(
                f"another article has the same file name (and so the same URL articles/{article.stem}/): "
                f"{seen[article.stem]}. Rename one of them.",
                path=article.path,
            )
        seen[article.stem] = article.path
    return sorted(articles, key=lambda article: (article.meta.date, article.stem))


def read_article(path: Path, source_uri: str | None = None) -> Article:
    """Parse one article file; every problem is a `GeneratorError` naming file and line.

    `source_uri` is the file's place below the docs folder (default `articles/<name>`).
    """
    stem = path.name.removesuffix(".md")
    if stem in _RESERVED_STEMS or not _STEM.fullmatch(stem):
        suggestion = slugify(stem) + ("-1" if stem in _RESERVED_STEMS else "")
        raise GeneratorError(
            "article file names must be lower-case ASCII letters, digits and hyphens and not "
            f"`index` (the name becomes the URL). Rename the file, e.g. to {suggestion or 'artikel'}.md",
            path=path,
        )
    text = _read_text(path)
    front, body, body_line = split_front_matter(text, path)
    meta = parse_meta(front, path)
    _check_nesting(body, path, body_line)
    return Article(
        path=path,
        stem=stem,
        meta=meta,
        body=body,
        body_line=body_line,
        source_uri=source_uri or f"articles/{path.name}",
    )


MAX_NESTING = 40
"""Levels of indentation (four spaces each) an article may use: more is a mistake, and
Python-Markdown parses nested lists recursively (about 200 levels exhaust Python's stack)."""
_DEEP = re.compile(rf"^(?:[ ]{{4}}|\t|[ ]{{1,3}}\t){{{MAX_NESTING + 1}}}", re.MULTILINE)


def check_renderable(text: str, path: Path) -> None:
    """A `GeneratorError` if Markdown `text` (an editors' page such as the home intro or the
    guide) is nested too deeply to be rendered, instead of a `RecursionError` in MkDocs."""
    _check_nesting(text, path, 1)
    md = markdown.Markdown(extensions=list(ANALYSIS_EXTENSIONS))
    # Before MkDocs' `toc` (priority 5) walks the tree recursively, after the inline patterns.
    md.treeprocessors.register(_DepthCheck(md), "depth-check", 6)
    try:
        md.convert(text)
    except (RecursionError, _TooDeep):
        raise GeneratorError(
            "the text is nested too deeply to be rendered (lists, quotes, emphasis or HTML inside "
            "each other). Flatten it.",
            path=path,
        ) from None


MAX_DEPTH = 100
"""Elements inside each other on a rendered page; more is a mistake (3,000 `*` around a word)."""


class _TooDeep(Exception):
    pass


class _DepthCheck(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        stack = [(root, 0)]
        while stack:
            element, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise _TooDeep
            stack.extend((child, depth + 1) for child in element)


def _check_nesting(body: str, path: Path, body_line: int) -> None:
    deep = _DEEP.search(body)
    if deep:
        raise GeneratorError(
            f"this line is indented more than {MAX_NESTING} levels (lists or code nested that deep "
            "cannot be rendered). Indent less.",
            path=path,
            line=body_line + body.count("\n", 0, deep.start()),
        )


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise GeneratorError(
                f"the file has {size / 1e6:.1f} MB; an article may have at most "
                f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB. Split it, or remove pasted data from it.",
                path=path,
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read the file: {exc.strerror}.", path=path) from None
    if not raw.strip():
        raise GeneratorError(
            "the file is empty. Write the article (start with --- title: … date: … ---) or delete the file.",
            path=path,
        )
    if b"\0" in raw:
        raise GeneratorError(
            "this is a binary file, not Markdown text. Move it out of the article folder "
            "(images belong next to the articles only with their own extension, e.g. .png).",
            path=path,
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GeneratorError(
            f"not valid UTF-8 (byte {exc.start}). Save the file as UTF-8.", path=path, line=line
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = control_character(text)
    if bad:
        at, which = bad
        raise GeneratorError(
            f"the text contains the control character {which}, which no reader can see and no feed "
            "can carry. Delete it (re-importing the original text with `import` removes it).",
            path=path,
            line=text.count("\n", 0, at) + 1,
        )
    return text


def split_front_matter(text: str, path: Path) -> tuple[LineMap, str, int]:
    """Separate the YAML front matter from the body; return (mapping, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise GeneratorError(
            "no YAML front matter. Start the file with a line `---`, then `title:` and `date:`, "
            "then a closing `---`.",
            path=path,
            line=1,
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front_text = "\n".join(lines[1:index])
            data = load_yaml(front_text, path, first_line=2)
            if not isinstance(data, LineMap):
                raise GeneratorError(
                    "the front matter must be a YAML mapping (`key: value` lines).",
                    path=path,
                    line=2,
                )
            return data, "\n".join(lines[index + 1 :]), index + 2
    raise GeneratorError(
        "the front matter is not closed. Add a line `---` after the last front matter key.",
        path=path,
        line=1,
    )


def parse_meta(front: LineMap, path: Path) -> ArticleMeta:
    """Validate front matter keys and types."""
    for key in front:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            known = ", ".join(REQUIRED_KEYS + OPTIONAL_KEYS)
            raise GeneratorError(
                f"unknown front matter key `{key}`. Known keys: {known}.",
                path=path,
                line=front.line_of(key),
            )
    for key in REQUIRED_KEYS:
        if front.get(key) in (None, ""):
            raise GeneratorError(
                f"front matter key `{key}` is missing. Add e.g. "
                + ("`title: Überschrift des Artikels`." if key == "title" else "`date: 2025-03-04`."),
                path=path,
                line=front.line_of(key),
            )

    def where(key: str) -> dict[str, Any]:
        return {"path": path, "line": front.line_of(key)}

    lang = front.get("lang", "de")
    if lang not in LANGUAGES:
        raise GeneratorError(f"`lang` must be one of {', '.join(LANGUAGES)}, not {lang!r}.", **where("lang"))
    return ArticleMeta(
        title=_text(front, "title", where),
        date=_date(front["date"], where("date")),
        lang=lang,
        source=_url(front, where),
        authors=_text_list(front, "authors", where),
        tags=_text_list(front, "tags", where),
        summary=_optional_text(front, "summary", where),
    )


def _text(front: LineMap, key: str, where: Any) -> str:
    value = front[key]
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise GeneratorError(f"`{key}` must be text, not {type(value).__name__}.", **where(key))
    text = editor_text(str(value), key, **where(key))
    if not text:
        raise GeneratorError(f"`{key}` must not be empty.", **where(key))
    return text


def _optional_text(front: LineMap, key: str, where: Any) -> str | None:
    return _text(front, key, where) if front.get(key) not in (None, "") else None


def _url(front: LineMap, where: Any) -> str | None:
    url = front.get("source")
    if url in (None, ""):
        return None
    if not isinstance(url, str):
        raise GeneratorError("`source` must be a web address (https://…).", **where("source"))
    try:
        return web_address(url.strip())  # checked as written, never changed
    except ValueError as exc:
        raise GeneratorError(
            f"`source` must be a web address (https://…), but {exc}: {url!r}.", **where("source")
        ) from None


def _text_list(front: LineMap, key: str, where: Any) -> tuple[str, ...]:
    value = front.get(key)
    if value is None:
        return ()
    items: Iterable[Any] = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) and not isinstance(value, str):
        raise GeneratorError(f"`{key}` must be a list of names, e.g. `[A, B]`.", **where(key))
    result = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise GeneratorError(f"`{key}` must be a list of names, e.g. `[A, B]`.", **where(key))
        result.append(editor_text(item, key, **where(key)))
    return tuple(result)


LATEST_YEAR = 2100
"""A later date is a typo (2205 for 2025); it would also stay the newest article for ever."""


def _date(value: Any, where: dict[str, Any]) -> dt.date:
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        try:
            date = dt.date.fromisoformat(value.strip())
        except (ValueError, AttributeError):
            raise GeneratorError(
                f"`date` must be a date written YYYY-MM-DD, not {value!r}.", **where
            ) from None
    if date.year > LATEST_YEAR:
        raise GeneratorError(
            f"the date {date.isoformat()} lies after {LATEST_YEAR}. Check the year.", **where
        )
    return date
