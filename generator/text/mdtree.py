"""The Markdown element tree as the analysis stages and the linker see it.

Python-Markdown parses a section into an element tree; the stages that read text (recognise,
quotes, the feed, `check`) and the linker that writes links into the tree walk the same text
slots (`.text` and `.tail` outside links, code and headings), each read through its
`readable.PlainText`, so that the mentions listed on entity pages are the ones linked.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator.text.readable import PlainText, plain_text
from generator.text.sentences import Sentences

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

    @cached_property
    def sentences(self) -> Sentences:
        """The block's sentences, split once for every mention in it."""
        return Sentences(self.text.text)

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
