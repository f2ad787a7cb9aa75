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
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator import urls
from generator.analyse.recognise import Recognizer
from generator.text.mdtree import TextSlot, text_slots
from generator.text.readable import plain_text

MARKER = "data-kn-section"
_MARKER_VALUE = re.compile(r"([^|]+\.md)\|([a-z0-9][a-z0-9-]*)\|([0-9]{1,6})")
LINK_CLASS = "entity-link"


def section_marker(page: str, stem: str, number: int) -> str:
    """Attribute-list text that marks the start of section `number` of article `stem` on `page`."""
    return f'{MARKER}="{page}|{stem}|{number}"'


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
            marker = _MARKER_VALUE.fullmatch(child.attrib.pop(MARKER, ""))
            if marker is not None:  # a marker an editor copied into a page by hand is no marker
                _place_remaining_quotes(state)
                page, stem, number = marker.groups()
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
        view = plain_text(slot.text, self.md.htmlStash.rawHtmlBlocks)
        mentions, state.introduced = self.index.recognizer.scan(view.text, state.introduced, view.excluded)
        pieces: list[tuple[int, int, etree.Element]] = []
        for mention in mentions:
            if self.index.mode != "all" and mention.entity in state.linked:
                continue
            state.linked.add(mention.entity)
            start, end = view.raw_span(mention.start, mention.end)
            # The link keeps the words exactly as written (soft hyphens, character references).
            pieces.append((start, end, self._anchor(mention.entity, view.raw[start:end], page)))
        for anchor, text in list(state.quotes):
            found = view.text.find(text[:24].strip())
            if found >= 0:
                state.quotes.remove((anchor, text))
                at = view.starts[found]
                inside = next((p for p in pieces if p[0] < at < p[1]), None)
                at = inside[0] if inside else at  # never split a link
                pieces.append((at, at, _quote_anchor(anchor)))
        if pieces:
            _wrap(slot, sorted(pieces, key=lambda p: (p[0], p[1])))

    def _anchor(self, entity: str, words: str, page: str) -> etree.Element:
        anchor = etree.Element("a")
        anchor.set("href", urls.link(page, self.index.entity_pages[entity]))
        anchor.set("class", LINK_CLASS)
        anchor.set("title", self.index.titles[entity])
        anchor.text = AtomicString(words)
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
