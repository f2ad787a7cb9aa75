"""Turn a plain-text article into an article Markdown file with front matter.

Plain text as newsrooms paste it: the title on the first line, paragraphs
separated by blank lines. Short lines without closing punctuation that are
followed by a paragraph are section headings (`##`); numbered lines ending in
a colon ("1. Nutzung kollektiver Intelligenz:") are sub-points (`###`). Every
other block is a paragraph whose text is escaped so that it renders exactly
as written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path

import yaml

from generator.errors import GeneratorError, read_text_file
from generator.text.mdtext import escape_inline, escape_line
from generator.text.readable import CONTROL_CHARACTERS
from generator.urls import slugify

log = logging.getLogger("mkdocs.plugins.knowledge")
MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 120
_SENTENCE_END = tuple(".!?:;,…\"'“”»«›‹")
_SUBPOINT = re.compile(r"^(?P<number>\d{1,2}[.)])\s+(?P<text>\S.*?):$")


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_subpoint(block: list[str]) -> bool:
    return len(block) == 1 and _SUBPOINT.match(block[0]) is not None


def _is_heading_shaped(block: list[str]) -> bool:
    line = block[0]
    return (
        len(block) == 1
        and len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not line.endswith(_SENTENCE_END)
    )


def convert(text: str) -> tuple[str, str]:
    """Plain text -> (title, Markdown body). Control characters are dropped (see `without_controls`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(without_controls(text)[0])
    if not blocks:
        raise ValueError("the text is empty")
    title_block, *rest = blocks
    title = title_block[0]
    if len(title_block) > 1:
        rest.insert(0, title_block[1:])
    out: list[str] = []
    for index, block in enumerate(rest):
        following = rest[index + 1] if index + 1 < len(rest) else None
        paragraph_follows = following is not None and not _is_heading_shaped(following)
        if _is_subpoint(block):
            match = _SUBPOINT.match(block[0])
            assert match is not None
            out.append(f"### {match['number']} {escape_inline(match['text'])}")
        elif _is_heading_shaped(block) and paragraph_follows:
            out.append(f"## {escape_inline(block[0])}")
        else:
            out.append("\n".join(escape_line(line) for line in block))
    return title, "\n\n".join(out) + "\n"


def without_controls(text: str) -> tuple[str, int]:
    """`text` without control characters (other than tab and line end), and how many there were.
    Pasted and exported text brings them (form feeds from PDFs); no reader sees them, and an
    XML feed cannot carry them."""
    cleaned = CONTROL_CHARACTERS.sub("", text)
    return cleaned, len(text) - len(cleaned)


def front_matter(title: str, date: dt.date, lang: str, source: str | None) -> str:
    """YAML front matter block for a new article."""
    data: dict[str, object] = {"title": title, "date": date, "lang": lang}
    if source:
        data["source"] = source
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"


MAX_SLUG = 80
"""Characters of the title kept in an article's file name (file systems allow 255 bytes)."""


def article_file_name(date: dt.date, title: str) -> str:
    """`<date>-<slug>.md`, the slug cut after a whole word to at most `MAX_SLUG` characters."""
    slug = slugify(title)
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return f"{date.isoformat()}-{slug or 'artikel'}.md"


def import_file(
    source_file: Path,
    articles_dir: Path,
    *,
    date: dt.date,
    lang: str = "de",
    source: str | None = None,
    force: bool = False,
) -> Path:
    """Convert `source_file` and write `<articles_dir>/<date>-<slug>.md`; return that path.
    Control characters in the text are dropped, with a warning naming the file."""
    text = read_text_file(source_file, if_missing="Check the path of the text to import.")
    dropped = without_controls(text)[1]
    if dropped:
        log.warning(
            "%s: dropped %d control characters (invisible, and not allowed in the feed)", source_file, dropped
        )
    try:
        title, body = convert(text)
    except ValueError:
        raise GeneratorError("the file holds no text to import.", path=source_file) from None
    target = articles_dir / article_file_name(date, title)
    exists = (
        "an article with this date and title exists already. Use --force to overwrite it, or change --date."
    )
    _write_article(
        target, front_matter(title, date, lang, source) + "\n" + body, replace=force, exists=exists
    )
    return target


def _write_article(target: Path, text: str, *, replace: bool, exists: str) -> None:
    """Write a new article file, or replace one (`replace`), never through a link: a link in
    the article folder may lead to mkdocs.yml or out of the project."""
    if target.is_symlink():
        raise GeneratorError(
            f"this is a link to {os.path.realpath(target)}; the article would be written there. "
            "Remove the link first.",
            path=target,
        )
    if target.exists() and not replace:
        raise GeneratorError(exists, path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if replace:
        scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, target)  # replaces a link made meanwhile, never writes through it
        return
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise GeneratorError(exists, path=target) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


NEW_ARTICLE_BODY = """
<!--
Hier beginnt der Text. Jede Zwischenüberschrift (## …) beginnt einen Abschnitt, der einem
Thema zugeordnet wird; ### gliedert einen Abschnitt weiter. Ein Thema erzwingen: eine Zeile
mit theme: KEY in einem HTML-Kommentar unter der Überschrift. Prüfen: python -m generator check
-->
"""


def new_article(articles_dir: Path, title: str, *, date: dt.date, lang: str = "de") -> Path:
    """Scaffold `<articles_dir>/<date>-<slug>.md` with valid front matter; never overwrite."""
    title = " ".join(title.split())
    if not title:
        raise GeneratorError("the title is empty. Give the headline in quotes.", path=articles_dir)
    target = articles_dir / article_file_name(date, title)
    exists = "an article with this date and title exists already. Edit it, or choose another title."
    _write_article(
        target, front_matter(title, date, lang, None) + NEW_ARTICLE_BODY, replace=False, exists=exists
    )
    return target
