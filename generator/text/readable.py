"""Text as a reader reads it.

Python-Markdown stashes what it must not touch and leaves placeholders (`\\x02wzxhzdk:N\\x03`)
in the tree's text: inline raw HTML (`<b>`) and character references (`&amp;`, `&#169;`).
Editors' files bring invisible characters (soft hyphens, zero-width spaces), odd spaces and
decomposed accents. `PlainText` is what all of that says: the text the recogniser, the quote
finder and the feed read, with a map back to the raw string, so that the linker can cut the
raw text at the right places. `editor_text` applies the same cleaning to text fields of the
front matter, the registry and the theme file.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError
from generator.model import Span

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_OPENING_TAG = re.compile(r"<([a-zA-Z][\w-]*)[^>]*(?<!/)>$")
_CLOSING_TAG = re.compile(r"</[a-zA-Z][\w-]*\s*>$")
_BREAKS = frozenset({"br", "hr", "img"})
"""Inline tags a reader sees as a space between words."""
_VOID_TAGS = frozenset({"br", "img", "wbr", "hr", "input", "source", "area", "col", "embed"})
# Characters that are not what they look like: invisible ones a reader does not see (soft
# hyphen, zero-width space and joiners, word joiner, BOM) and spaces that are spaces.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_SPACES = frozenset("\u00a0\u2007\u202f\u2009\u200a\u3000")
_NOT_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\x7f" + "".join(_INVISIBLE | _SPACES) + "]")


@dataclass(frozen=True)
class PlainText:
    """A raw tree text as a reader reads it, and where each of its characters came from."""

    text: str
    """Character references decoded, inline HTML tags dropped, invisible characters dropped,
    odd spaces made plain spaces, control characters dropped, in Unicode NFC."""
    raw: str
    """The text as it stands in the tree."""
    starts: Sequence[int]
    """For each character of `text`, where it starts in `raw`."""
    ends: Sequence[int]
    """For each character of `text`, where it ends in `raw`."""
    excluded: tuple[Span, ...] = ()
    """Spans of `text` inside inline raw HTML, and empty spans where a tag stood: no mention
    may lie in the first or cross the second."""

    def raw_span(self, start: int, end: int) -> Span:
        """The part of `raw` that `text[start:end]` came from (`end > start`)."""
        return self.starts[start], self.ends[end - 1]

    def index(self, raw_offset: int) -> int:
        """The first character of `text` that comes from `raw_offset` or after it."""
        return bisect.bisect_left(self.starts, raw_offset)


def plain_text(raw: str, stash: Sequence[object] = ()) -> PlainText:
    """The reader's view of `raw`; `stash` is Python-Markdown's `htmlStash.rawHtmlBlocks`."""
    if "\x02" not in raw and not _NOT_PLAIN.search(raw) and unicodedata.is_normalized("NFC", raw):
        return PlainText(raw, raw, range(len(raw)), range(1, len(raw) + 1))
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    excluded: list[Span] = []
    depth, opened = 0, 0

    def add(text: str, start: int, end: int) -> None:
        for char in text:
            chars.append(char)
            starts.append(start)
            ends.append(end)

    position = 0
    for match in _PLACEHOLDER.finditer(raw):
        _add_characters(raw, position, match.start(), add)
        position = match.end()
        index = int(match.group(1))
        stashed = str(stash[index]).strip() if index < len(stash) else ""
        if _REFERENCE.fullmatch(stashed):
            decoded = unicodedata.normalize("NFC", html.unescape(stashed))  # "&nbsp;" is a space
            add("".join(_clean_char(char) for char in decoded), match.start(), match.end())
            continue
        here = len(chars)
        excluded.append((here, here))
        opening = _OPENING_TAG.match(stashed)
        tag = opening.group(1).lower() if opening else ""
        if tag in _BREAKS:
            add(" ", match.start(), match.end())
        elif opening and tag not in _VOID_TAGS:
            if depth == 0:
                opened = here
            depth += 1
        elif _CLOSING_TAG.match(stashed) and depth > 0:
            depth -= 1
            if depth == 0:
                excluded.append((opened, here))
    _add_characters(raw, position, len(raw), add)
    if depth > 0:
        excluded.append((opened, len(chars)))
    return PlainText("".join(chars), raw, starts, ends, tuple(excluded))


_CLUSTER = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.DOTALL)


def _add_characters(raw: str, start: int, end: int, add: Callable[[str, int, int], None]) -> None:
    """Append `raw[start:end]` through `add(text, raw_start, raw_end)`, cleaned character by
    character (a base letter and its combining marks are composed together)."""
    for match in _CLUSTER.finditer(raw, start, end):
        cluster = match.group()
        if len(cluster) > 1:
            cluster = unicodedata.normalize("NFC", cluster)
        add("".join(_clean_char(char) for char in cluster), match.start(), match.end())


def _clean_char(char: str) -> str:
    if char in _SPACES:
        return " "
    if char in _INVISIBLE or (char < " " and char not in "\t\n") or char == "\x7f":
        return ""
    return char


def clean_text(text: str) -> str:
    """`plain_text` for text that has no stash (front matter, the registry): invisible and
    control characters dropped, odd spaces plain, NFC."""
    return plain_text(text).text


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def control_character(text: str) -> tuple[int, str] | None:
    """Where the first control character (other than tab and line ends) stands in `text`, and
    which it is (`U+000C`); None for none. U+FFFE, U+FFFF and lone surrogates count too:
    like the control characters, XML (the feed) cannot hold them."""
    match = CONTROL_CHARACTERS.search(text)
    return (match.start(), f"U+{ord(match.group()):04X}") if match else None


def editor_text(value: str, key: str, path: Path | str, line: int | None) -> str:
    """A text field from an editor's file, cleaned like `clean_text`, spaces folded; a control
    character in it is a `GeneratorError` (it would end up in the feed's XML)."""
    bad = control_character(value)
    if bad:
        raise GeneratorError(
            f"`{key}` contains the control character {bad[1]}. Remove it.", path=path, line=line
        )
    return " ".join(clean_text(value).split())
