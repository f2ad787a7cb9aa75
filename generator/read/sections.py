"""Split stage: an article's body becomes its `##` sections.

A section is a `##` heading with everything up to the next `##` (its `###`
sub-sections included). Text before the first `##` is a section of its own
(the lead). Headings inside fenced code blocks are not headings.
"""

from __future__ import annotations

import dataclasses
import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

from generator.errors import GeneratorError
from generator.model import Article, Section
from generator.urls import slugify

_H2 = re.compile(r"^##[ \t]+(?P<text>.+?)[ \t]*$")
_FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
# As Python-Markdown's attr_list reads a heading: a space, then `{…}` at the end ("\\{a\\}" is text).
_ATTR_LIST = re.compile(r"[ \t]+\{:?[ ]*(?P<attrs>[^}\n ][^}\n]*?)[ ]*(?<!\\)\}[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_THEME_OVERRIDE = re.compile(r"^[ \t]*<!--[ \t]*theme:[ \t]*(?P<key>[^ \t]*?)[ \t]*-->[ \t]*$")


def split_sections(article: Article) -> Article:
    """Return `article` with its `sections` filled in."""
    chunks: list[tuple[str | None, str | None, int, list[str]]] = []
    heading: str | None = None
    explicit_id: str | None = None
    start = article.body_line
    lines: list[str] = []
    fence: str | None = None
    for offset, line in enumerate(article.body.split("\n")):
        fence = _next_fence_state(fence, line)
        match = _H2.match(line) if fence is None else None
        if match:
            chunks.append((heading, explicit_id, start, lines))
            heading, explicit_id = parse_heading(match["text"])
            start = article.body_line + offset
            lines = []
        else:
            lines.append(line)
    chunks.append((heading, explicit_id, start, lines))

    sections: list[Section] = []
    used_anchors: set[str] = set()
    for heading, explicit_id, start, body_lines in chunks:
        if heading is None and not _HTML_COMMENT.sub("", "\n".join(body_lines)).strip():
            continue  # nothing before the first heading but blank lines and editors' comments
        anchor = None
        if heading is not None:
            anchor = _unique(explicit_id or slugify(heading) or "abschnitt", used_anchors)
        first_body_line = start if heading is None else start + 1
        _check_html_closed(article, body_lines, first_body_line)
        markdown, override, override_line = _take_override(article, body_lines, first_body_line)
        sections.append(
            Section(
                number=len(sections),
                heading=heading,
                anchor=anchor,
                line=start,
                markdown=markdown,
                theme_override=override,
                override_line=override_line,
            )
        )
    return dataclasses.replace(article, sections=tuple(sections))


def parse_heading(text: str) -> tuple[str, str | None]:
    """Heading text without closing hashes and attribute list, and the `#id` it set."""
    text = _CLOSING_HASHES.sub("", text)
    explicit_id = None
    attrs = _ATTR_LIST.search(text)
    if attrs:
        text = text[: attrs.start()]
        for attr in attrs["attrs"].split():
            if attr.startswith("#") and len(attr) > 1:
                explicit_id = attr[1:]
    return text.strip(), explicit_id


def _next_fence_state(fence: str | None, line: str) -> str | None:
    match = _FENCE.match(line)
    if fence is None:
        return match["fence"] if match else None
    closes = match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence)
    return None if closes and not line.strip().lstrip(fence[0]) else fence


def _unique(anchor: str, used: set[str]) -> str:
    candidate, counter = anchor, 2
    while candidate in used:
        candidate, counter = f"{anchor}-{counter}", counter + 1
    used.add(candidate)
    return candidate


_BLOCK_TAG = re.compile(r"^[ ]{0,3}<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)(?=[\s/>]|$)")
_COMMENT_START = re.compile(r"^[ ]{0,3}<!--")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def _check_html_closed(article: Article, body_lines: list[str], first_line: int) -> None:
    """A `GeneratorError` for a raw HTML block or comment that a section opens and does not
    close: Python-Markdown would take everything after it as raw HTML, on a theme page the
    sections of other articles too (shown as Markdown source)."""
    fence: str | None = None
    tag, depth, opened = "", 0, 0
    comment = 0
    for line_number, line in enumerate(body_lines, start=first_line):
        fence = _next_fence_state(fence, line)
        if comment:
            comment = 0 if "-->" in line else comment
            continue
        if depth:
            depth += _count(line, tag)
            continue
        if fence is not None:
            continue
        if _COMMENT_START.match(line) and "-->" not in line:
            comment = line_number
            continue
        match = _BLOCK_TAG.match(line)
        if match and match["tag"].lower() in BLOCK_LEVEL_ELEMENTS and match["tag"].lower() not in _VOID:
            tag, opened = match["tag"].lower(), line_number
            depth = max(_count(line, tag), 0)
    if comment or depth:
        what, closing = ("<!--", "-->") if comment else (f"<{tag}>", f"</{tag}>")
        raise GeneratorError(
            f"the {what} opened on this line is not closed in its section. Close it with "
            f"{closing} before the next ## heading (everything after it would show as raw text).",
            path=article.path,
            line=comment or opened,
        )


def _count(line: str, tag: str) -> int:
    """Opening minus closing `tag`s in `line`."""
    opening = len(re.findall(rf"<{tag}(?=[\s>])[^>]*(?<!/)>|<{tag}$", line, re.IGNORECASE))
    return opening - len(re.findall(rf"</{tag}\s*>", line, re.IGNORECASE))


def _take_override(
    article: Article, body_lines: list[str], first_line: int
) -> tuple[str, str | None, int | None]:
    """Remove `<!-- theme: KEY -->` lines from a section; return its Markdown and the override."""
    kept: list[str] = []
    override: str | None = None
    override_line: int | None = None
    fence: str | None = None
    for line_number, line in enumerate(body_lines, start=first_line):
        fence = _next_fence_state(fence, line)
        match = _THEME_OVERRIDE.match(line) if fence is None else None
        if not match:
            kept.append(line)
            continue
        if override is not None:
            raise GeneratorError(
                f"this section already chose theme `{override}` on line {override_line}. "
                "Keep one `<!-- theme: KEY -->` per section.",
                path=article.path,
                line=line_number,
            )
        override, override_line = match["key"], line_number
    return "\n".join(kept).strip("\n"), override, override_line
