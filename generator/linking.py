"""Link stage: put entity links into rendered Markdown, on the element tree.

Like Python-Markdown's abbr extension, a treeprocessor walks the `.text`
and `.tail` of every element after the inline patterns ran, and skips
`AtomicString`s, links, code, pre and headings, so that nothing is linked in
code, in existing links, in headings, in URLs, in image alt text (an
attribute) or in raw HTML (stashed away as placeholders). The visible text
stays exactly as written: a mention is only wrapped in `<a>`.

Generated pages mark where each article section starts with a
`data-kn-section` attribute (see `section_marker`), so that a section shown
on a theme page is linked as in its article: short names resolve to the
people introduced earlier in that article.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator import urls
from generator.recognise import Mention, Recognizer

SKIP_TAGS = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
)
BLOCK_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "figcaption", "blockquote", "div"})
MARKER = "data-kn-section"
LINK_MODES = ("all", "first-per-section", "first-per-page")
LINK_CLASS = "entity-link"


def section_marker(page: str, stem: str, number: int) -> str:
    """Attribute-list text that marks the start of section `number` of article `stem` on `page`."""
    return f'{MARKER}="{page}|{stem}|{number}"'


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
_OPENING_TAG = re.compile(r"<([a-zA-Z][\w-]*)[^>]*(?<!/)>$")
_CLOSING_TAG = re.compile(r"</[a-zA-Z][\w-]*\s*>$")


def raw_html_spans(text: str, md: markdown.Markdown) -> list[tuple[int, int]]:
    """Parts of `text` that lie between inline raw HTML tags (`<span>…</span>`)."""
    spans = []
    depth, start = 0, 0
    for match in _PLACEHOLDER.finditer(text):
        blocks = md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        raw = str(blocks[index]).strip() if index < len(blocks) else ""
        if _OPENING_TAG.match(raw):
            if depth == 0:
                start = match.end()
            depth += 1
        elif _CLOSING_TAG.match(raw) and depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((start, match.start()))
    if depth > 0:
        spans.append((start, len(text)))
    return spans


@dataclass
class _State:
    """Linking state while walking one section."""

    introduced: tuple[str, ...]
    start: etree.Element
    """The element that marks the section start (fallback place for quote anchors)."""
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """Quote anchors not placed yet: (anchor, text)."""
    linked: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class LinkIndex:
    """What the linker needs to know about the site."""

    recognizer: Recognizer
    entity_pages: dict[str, str]
    """Entity id -> page source URI."""
    titles: dict[str, str]
    """Entity id -> name (link title)."""
    introduced: dict[tuple[str, int], tuple[str, ...]]
    """(article stem, section number) -> people introduced before that section."""
    mode: str = "first-per-section"
    quotes: dict[tuple[str, int], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """(article stem, section number) -> (anchor, text) of its quotes, which get an id on the page."""


class EntityLinker(Treeprocessor):
    def __init__(self, md: markdown.Markdown, index: LinkIndex):
        super().__init__(md)
        self.index = index

    def run(self, root: etree.Element) -> None:
        page: str | None = None
        state: _State | None = None
        page_linked: set[str] = set()
        for child in list(root):
            marker = child.attrib.pop(MARKER, None)
            if marker is not None:
                _place_remaining_quotes(state)
                page, stem, number = marker.split("|")
                key = (stem, int(number))
                state = _State(
                    self.index.introduced.get(key, ()), child, list(self.index.quotes.get(key, ()))
                )
                if self.index.mode == "first-per-page":
                    state.linked = page_linked
            if state is None or page is None:
                continue
            for slot in text_slots(child):
                self._link_slot(slot, state, page)
        _place_remaining_quotes(state)

    def _link_slot(self, slot: TextSlot, state: _State, page: str) -> None:
        mentions, state.introduced = self.index.recognizer.scan(
            slot.text, state.introduced, raw_html_spans(slot.text, self.md)
        )
        pieces: list[tuple[int, int, etree.Element]] = []
        for mention in mentions:
            if self.index.mode != "all" and mention.entity in state.linked:
                continue
            state.linked.add(mention.entity)
            pieces.append((mention.start, mention.end, self._anchor(mention, page)))
        for anchor, text in list(state.quotes):
            at = slot.text.find(text[:24].strip())
            if at >= 0:
                state.quotes.remove((anchor, text))
                inside = next((p for p in pieces if p[0] < at < p[1]), None)
                at = inside[0] if inside else at  # never split a link
                pieces.append((at, at, _quote_anchor(anchor)))
        if pieces:
            _wrap(slot, sorted(pieces, key=lambda p: (p[0], p[1])))

    def _anchor(self, mention: Mention, page: str) -> etree.Element:
        anchor = etree.Element("a")
        anchor.set("href", urls.link(page, self.index.entity_pages[mention.entity]))
        anchor.set("class", LINK_CLASS)
        anchor.set("title", self.index.titles[mention.entity])
        anchor.text = AtomicString(mention.text)
        return anchor


def _quote_anchor(anchor: str) -> etree.Element:
    element = etree.Element("span")
    element.set("id", anchor)
    element.set("class", "quote-anchor")
    return element


def _place_remaining_quotes(state: _State | None) -> None:
    """Quotes whose text spans several elements get their anchor at the section start."""
    if state is None:
        return
    for offset, (anchor, _) in enumerate(state.quotes):
        element = _quote_anchor(anchor)
        element.tail = state.start.text
        state.start.text = None
        state.start.insert(offset, element)
    state.quotes.clear()


def _wrap(slot: TextSlot, pieces: list[tuple[int, int, etree.Element]]) -> None:
    """Replace the slot's text by text and elements (links keep their words), keeping every character."""
    text = slot.text
    elements = []
    head = text[: pieces[0][0]]
    for index, (_, end, element) in enumerate(pieces):
        following = pieces[index + 1][0] if index + 1 < len(pieces) else len(text)
        element.tail = text[end:following]
        elements.append(element)
    if slot.tail:
        assert slot.parent is not None
        slot.element.tail = head
        at = list(slot.parent).index(slot.element) + 1
        for offset, element in enumerate(elements):
            slot.parent.insert(at + offset, element)
    else:
        slot.element.text = head
        for offset, element in enumerate(elements):
            slot.element.insert(offset, element)


class EntityLinkExtension(Extension):
    """Python-Markdown extension; MkDocs gets it from the plugin."""

    def __init__(self, index: LinkIndex):
        super().__init__()
        self.index = index

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After attr_list (8) set the section markers and the inline patterns (20) ran; before
        # MkDocs collects the ids for its anchor check (5) and rewrites .md links (0).
        md.treeprocessors.register(EntityLinker(md, self.index), "entity_links", 6)


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
        md.treeprocessors.register(_Capture(md, self.sink), "capture", 6)


ANALYSIS_EXTENSIONS = ("attr_list", "tables", "fenced_code", "sane_lists")


class TreeBuilder:
    """Builds the element tree of Markdown at the point where entity links go in.

    One Markdown instance is reused for every section (creating one costs more than
    parsing a section).
    """

    def __init__(self) -> None:
        self._trees: list[etree.Element] = []
        self._blocks: dict[str, list[str]] = {}
        self.md = markdown.Markdown(extensions=[*ANALYSIS_EXTENSIONS, _CaptureExtension(self._trees)])

    def slots(self, source: str) -> Iterator[tuple[TextSlot, str, list[tuple[int, int]]]]:
        """Each linkable slot of `source`, the full text of its block (for sentence context),
        and the spans of the slot's text inside inline raw HTML."""
        self._trees.clear()
        self.md.reset()
        self.md.convert(source)
        root = self._trees[0]
        texts: dict[int, str] = {}
        for slot in text_slots(root):
            key = id(slot.block)
            if key not in texts:
                texts[key] = "".join(slot.block.itertext())
            yield slot, texts[key], raw_html_spans(slot.text, self.md)

    def block_texts(self, source: str) -> list[str]:
        """The plain text of each block (paragraph, list item, …) outside code and headings.

        Remembered for the last few sources: the recogniser, the quote finder and `check` ask
        for the same section one after the other."""
        cached = self._blocks.get(source)
        if cached is not None:
            return cached
        texts: dict[int, str] = {}
        for slot, block_text, _ in self.slots(source):
            texts.setdefault(id(slot.block), block_text)
        result = list(texts.values())
        if len(self._blocks) > 64:
            self._blocks.clear()
        self._blocks[source] = result
        return result
