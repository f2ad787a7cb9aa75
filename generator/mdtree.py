"""The Markdown element tree as the analysis stages and the linker see it.

Python-Markdown parses a section into an element tree; after its inline patterns ran, the
tree's `.text` and `.tail` strings hold placeholders (`\\x02wzxhzdk:N\\x03`) for what it
stashed away: inline raw HTML (`<b>`) and character references (`&amp;`, `&#169;`). The
stages that read text (recognise, quotes, the feed, `check`) and the linker that writes links
into the tree must agree on what the text *says*; `PlainText` is that agreement: the text as a
reader reads it, with a map back to the raw string so the linker can cut it at the right
places.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator.model import Span

SKIP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
)
"""Nothing inside these is linked or read as running text."""
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "figcaption", "blockquote", "div"})


@dataclass
class TextSlot:
    """A `.text` or `.tail` of the tree that may be linked."""

    element: etree.Element
    tail: bool
    parent: etree.Element | None
    block: etree.Element
    offset: int
    """Where the text starts in its block's `itertext()`."""

    @property
    def text(self) -> str:
        return (self.element.tail if self.tail else self.element.text) or ""


def text_slots(root: etree.Element) -> list[TextSlot]:
    """The linkable text pieces below `root`, in document order."""
    slots: list[TextSlot] = []

    def linkable(text: str | None, skip: bool) -> bool:
        return bool(text and text.strip()) and not skip and not isinstance(text, AtomicString)

    def walk(
        element: etree.Element, parent: etree.Element | None, block: etree.Element, offset: int, skip: bool
    ) -> int:
        """Collect the slots below `element`; return the offset in `block` after its text."""
        own_block = element.tag in BLOCK_TAGS
        inner, position = (element, 0) if own_block else (block, offset)
        skip = skip or element.tag in SKIP_TAGS
        if linkable(element.text, skip):
            slots.append(TextSlot(element, False, parent, inner, position))
        position += len(element.text or "")
        for child in element:
            position = walk(child, element, inner, position, skip)
            if linkable(child.tail, skip):
                slots.append(TextSlot(child, True, element, inner, position))
            position += len(child.tail or "")
        return offset + len("".join(element.itertext())) if own_block else position

    walk(root, None, root, 0, False)
    return slots


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
            add(unicodedata.normalize("NFC", html.unescape(stashed)), match.start(), match.end())
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


class _Capture(Treeprocessor):
    def __init__(self, md: markdown.Markdown, sink: list[etree.Element]):
        super().__init__(md)
        self.sink = sink

    def run(self, root: etree.Element) -> None:
        self.sink.append(root)


class _CaptureExtension(Extension):
    def __init__(self, sink: list[etree.Element]):
        super().__init__()
        self.sink = sink

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Where the linker runs: after attr_list (8) and the inline patterns (20).
        md.treeprocessors.register(_Capture(md, self.sink), "capture", 6)


ANALYSIS_EXTENSIONS = ("attr_list", "tables", "fenced_code", "sane_lists")


@dataclass(frozen=True)
class Block:
    """A block (paragraph, list item, table cell …) of a section, as plain text."""

    text: PlainText
    slots: tuple[tuple[TextSlot, PlainText], ...]
    """The block's linkable slots, each with its own plain view."""

    def offset(self, slot: TextSlot, view: PlainText, index: int) -> int:
        """Where character `index` of a slot's plain text stands in the block's plain text."""
        return self.text.index(slot.offset + view.starts[index])


class TreeBuilder:
    """Builds the element tree of Markdown at the point where entity links go in.

    One Markdown instance is reused for every section (creating one costs more than
    parsing a section).
    """

    def __init__(self) -> None:
        self._trees: list[etree.Element] = []
        self._blocks: dict[str, list[Block]] = {}
        self.md = markdown.Markdown(extensions=[*ANALYSIS_EXTENSIONS, _CaptureExtension(self._trees)])

    def blocks(self, source: str) -> list[Block]:
        """The blocks of `source` outside code and headings, with their slots, as plain text.

        Remembered for the last few sources: the recogniser, the quote finder and `check` ask
        for the same section one after the other."""
        cached = self._blocks.get(source)
        if cached is not None:
            return cached
        self._trees.clear()
        self.md.reset()
        self.md.convert(source)
        stash = self.md.htmlStash.rawHtmlBlocks
        grouped: dict[int, tuple[etree.Element, list[tuple[TextSlot, PlainText]]]] = {}
        roots = self._trees or [etree.Element("div")]  # Markdown of only blank lines has no tree
        for slot in text_slots(roots[0]):
            views = grouped.setdefault(id(slot.block), (slot.block, []))[1]
            views.append((slot, plain_text(slot.text, stash)))
        result = [
            Block(plain_text("".join(element.itertext()), stash), tuple(slots))
            for element, slots in grouped.values()
        ]
        if len(self._blocks) > 64:
            self._blocks.clear()
        self._blocks[source] = result
        return result

    def block_texts(self, source: str) -> list[str]:
        """The plain text of each block of `source`."""
        return [block.text.text for block in self.blocks(source)]

    def slots(self, source: str) -> Iterator[tuple[Block, TextSlot, PlainText]]:
        """Each linkable slot of `source` with its block and its plain view."""
        for block in self.blocks(source):
            for slot, view in block.slots:
                yield block, slot, view
