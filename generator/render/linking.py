"""Render stage, once per section: its Markdown as HTML, with entity links and quote anchors.

Each section body is converted once, with the site's Markdown extensions, and the HTML is
reused wherever the section is shown (its article page, its theme page): MkDocs converts
only the short page around it. Links in that HTML point at pages through `ROOT`, a
placeholder for the way up to the site root that `for_page` fills in for each page.

`###` and deeper headings stay Markdown between the HTML parts, so that MkDocs puts them
into the page's table of contents as before; everything between them is HTML.

Like Python-Markdown's abbr extension, the linker walks the `.text` and `.tail` of every
element after the inline patterns ran, and skips `AtomicString`s, links, code, pre and
headings, so that nothing is linked in code, in existing links, in headings, in URLs, in
image alt text (an attribute) or in raw HTML (stashed away as placeholders). The visible
text stays exactly as written: a mention is only wrapped in `<a>`.

The editors' own relative links (`[…](other-article.md)`, `![…](bild.png)`) are rewritten
to the pages and files they lead to on the site, and recorded (`Section.links`) so that the
pipeline can check on every build that they still lead somewhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html as html_lib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from generator import urls
from generator.analyse.recognise import Recognizer
from generator.errors import GeneratorError
from generator.model import Article, EditorLink, Section
from generator.render import footnotes
from generator.text.mdtree import TextSlot, text_slots
from generator.text.readable import plain_text

ROOT = "\x1e"
"""Stands for the relative way up to the site root in rendered section HTML. A control
character, so no article can contain it (articles with control characters are refused)."""
LINK_CLASS = "entity-link"
_SUBHEADING = re.compile(r"^#{3,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class LinkIndex:
    """What the linker needs to know about the site."""

    recognizer: Recognizer
    entity_pages: dict[str, str]
    """Entity id -> page source URI."""
    titles: dict[str, str]
    """Entity id -> name (link title)."""
    mode: str = "first-per-section"
    """`all`, `first-per-section`, or `first-per-page` (which, as a section is rendered once
    for every page it is shown on, means: once per article)."""
    articles_folder: str = "articles"
    """Where the articles are below the docs folder (their pages are `articles/<stem>/`)."""


@dataclass
class _State:
    """Linking state while walking one section."""

    introduced: tuple[str, ...]
    quotes: list[tuple[str, str]] = field(default_factory=list)
    """Quote anchors not placed yet: (anchor, text)."""
    linked: set[str] = field(default_factory=set)
    links: list[EditorLink] = field(default_factory=list)


def for_page(html: str, src_uri: str) -> str:
    """Section HTML with its links made relative to the page at `src_uri`."""
    return html.replace(ROOT, urls.to_root(src_uri))


class SectionRenderer:
    """Renders the sections of articles, one Python-Markdown instance for all of them."""

    def __init__(self, index: LinkIndex, extensions: Sequence[Any], configs: dict[str, Any] | None = None):
        self.index = index
        self.md = markdown.Markdown(extensions=list(extensions), extension_configs=configs or {})
        self.linker = _Linker(self.md, index)
        self.footnotes = any(
            name in ("footnotes", "markdown.extensions.footnotes")
            or type(name).__module__ == "markdown.extensions.footnotes"
            for name in extensions
        )
        self._definitions: dict[str, str] = {}
        # After attr_list (8) and the inline patterns (20) ran; before toc (5) collects ids.
        self.md.treeprocessors.register(self.linker, "knowledge_links", 6)

    def render(self, article: Article) -> Article:
        """`article` with each section's `body` (and the links its editors wrote) filled in."""
        quotes: dict[int, list[tuple[str, str]]] = {}
        for found in article.quotes:
            quotes.setdefault(found.section, []).append((found.anchor, found.text))
        per_article: set[str] = set()
        if self.footnotes:
            self._definitions = footnotes.all_definitions(s.markdown for s in article.sections)
        sections = []
        for section in article.sections:
            state = _State(section.introduced, quotes.get(section.number, []))
            if self.index.mode == "first-per-page":
                state.linked = per_article
            sections.append(self._section(article, section, state))
        return dataclasses.replace(article, sections=tuple(sections))

    def _section(self, article: Article, section: Section, state: _State) -> Section:
        parts: list[tuple[str, str]] = []
        self.linker.start(article, state)
        for number, (kind, text) in enumerate(split_at_subheadings(section.markdown)):
            if kind == "heading":
                parts.append((kind, text))
                continue
            if self.footnotes:  # each part with the definitions of the notes it refers to
                text = footnotes.with_definitions(footnotes.split_definitions(text)[0], self._definitions)
            if text.strip():
                self.md.reset()
                html = self.md.convert(text)
                if self.footnotes:
                    html = footnotes.unique_ids(html, _part_key(article, section, number))
                if self.md.htmlStash.rawHtmlBlocks:  # the editors' own HTML: is it closed?
                    _check_closed(html, article, section)
                parts.append(("html", html))
        if state.quotes:  # quotes across elements, or in a heading: their anchor opens the section
            spans = "".join(f'<span id="{a}" class="quote-anchor"></span>' for a, _ in state.quotes)
            html_parts = [i for i, (kind, _) in enumerate(parts) if kind == "html"]
            if html_parts:
                first = html_parts[0]
                parts[first] = ("html", _insert_at_start(parts[first][1], spans))
            else:
                parts.insert(0, ("html", f'<p class="quote-anchors">{spans}</p>'))
        heading_text = None
        if section.heading:
            self.md.reset()
            heading_text = " ".join(html_lib.unescape(_TAG.sub("", self.md.convert(section.heading))).split())
        return dataclasses.replace(
            section, body=tuple(parts), links=tuple(state.links), heading_text=heading_text
        )


def _part_key(article: Article, section: Section, part: int) -> str:
    """A short key, the same on every build, for one part of one section of one article."""
    return hashlib.sha1(f"{article.stem}\0{section.number}\0{part}".encode()).hexdigest()[:6]


_TAG = re.compile(r"<[^>]*>")
_FOOTNOTE_LINKS = frozenset({"footnote-ref", "footnote-backref"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_OPTIONAL_END = frozenset(
    "p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rt rp".split()
)
# Inline elements a browser closes with their paragraph. Not the formatting elements (b, i,
# a, …: a browser carries them on into the following blocks) and not the ones whose content
# is raw text (textarea, title, script: they swallow the rest of the page).
_CLOSED_BY_PARAGRAPH = frozenset(
    "span abbr cite q sub sup mark label time data kbd samp var dfn bdi bdo ruby ins del".split()
)
_TOLERATED = _OPTIONAL_END | _CLOSED_BY_PARAGRAPH


class _Balance(HTMLParser):
    """Finds the first element an HTML fragment opens and does not close (end tags that HTML
    lets writers leave out do not count)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.unclosed: str | None = None
        self.crossed: list[str] = []
        """Elements an end tag of an outer one passed over (`<span><a></span></a>`, which
        Python-Markdown writes for a link across inline HTML): closed if their end tag follows."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "plaintext":  # no end tag ever ends it in a browser
            self.unclosed = self.unclosed or tag
        elif tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            if tag in self.crossed:
                self.crossed.remove(tag)
            return
        while self.open:
            top = self.open.pop()
            if top == tag:
                return
            if top not in _TOLERATED:
                self.crossed.append(top)


def _check_closed(html: str, article: Article, section: Section) -> None:
    """A `GeneratorError` when the section's HTML leaves an element open: on a theme page the
    sections of other articles would end up inside it (a `<textarea>` swallows the page)."""
    balance = _Balance()
    balance.feed(html)
    balance.close()
    unclosed = (
        balance.unclosed
        or next(iter(balance.crossed), None)
        or next((tag for tag in balance.open if tag not in _TOLERATED), None)
    )
    if unclosed is None:
        return
    lines = article.body.split("\n")
    first = max(section.line - article.body_line, 0)
    opening = re.compile(rf"<{unclosed}\b", re.IGNORECASE)
    line = next(
        (article.body_line + n for n, text in enumerate(lines[first:], start=first) if opening.search(text)),
        section.line,
    )
    raise GeneratorError(
        f"the <{unclosed}> opened here is not closed in its section (a comment or an attribute "
        f"does not close it). Close it with </{unclosed}> in the same section.",
        path=article.path,
        line=line,
    )


def split_at_subheadings(markdown_text: str) -> Iterator[tuple[str, str]]:
    """("heading", line) for each `###`-or-deeper ATX heading outside code, ("text", Markdown)
    for what lies between them."""
    lines: list[str] = []
    fence: str | None = None
    for line in markdown_text.split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
        elif _SUBHEADING.match(line):
            yield "text", "\n".join(lines)
            yield "heading", line
            lines = []
            continue
        lines.append(line)
    yield "text", "\n".join(lines)


def _insert_at_start(html: str, spans: str) -> str:
    """`spans` inside the first element of `html` (after its opening tag)."""
    match = re.match(r"\s*<(?!/)[^>]*>", html)
    if match is None or match.group().rstrip().endswith("/>"):
        return f"<p>{spans}</p>\n{html}"
    return html[: match.end()] + spans + html[match.end() :]


class _Linker(Treeprocessor):
    def __init__(self, md: markdown.Markdown, index: LinkIndex):
        super().__init__(md)
        self.index = index
        self.article: Article | None = None
        self.state = _State(())

    def start(self, article: Article, state: _State) -> None:
        self.article, self.state = article, state

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href") is not None:
                if element.get("class") in _FOOTNOTE_LINKS:
                    continue  # the footnotes extension's, within the section (`footnotes.py`)
                element.set("href", self._editor_link(element.get("href", "")))
            elif element.tag == "img" and element.get("src") is not None:
                element.set("src", self._editor_link(element.get("src", "")))
        for child in list(root):
            for slot in text_slots(child):
                self._link_slot(slot)

    def _editor_link(self, target: str) -> str:
        """The site address of a relative link an editor wrote (other links stay as written)."""
        assert self.article is not None
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            return target
        here = self.article.source_uri
        path = unquote(parts.path)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        self.state.links.append(EditorLink(target, resolved, parts.fragment))
        if resolved == ".." or resolved.startswith("../"):
            return target  # the pipeline reports it: it leads out of the docs folder
        address = self._address(resolved)
        return ROOT + quote(address, safe="/") + (f"#{parts.fragment}" if parts.fragment else "")

    def _address(self, resolved: str) -> str:
        if not resolved.endswith(".md"):
            return resolved  # an image or a download: where MkDocs copies it
        folder = self.index.articles_folder.rstrip("/") + "/"
        if resolved.startswith(folder):
            return urls.page_path(urls.article_page(posixpath.basename(resolved).removesuffix(".md")))
        return urls.page_path(resolved)

    def _link_slot(self, slot: TextSlot) -> None:
        state = self.state
        view = plain_text(slot.text, self.md.htmlStash.rawHtmlBlocks)
        mentions, state.introduced = self.index.recognizer.scan(view.text, state.introduced, view.excluded)
        pieces: list[tuple[int, int, etree.Element]] = []
        for mention in mentions:
            if self.index.mode != "all" and mention.entity in state.linked:
                continue
            state.linked.add(mention.entity)
            start, end = view.raw_span(mention.start, mention.end)
            # The link keeps the words exactly as written (soft hyphens, character references).
            pieces.append((start, end, self._anchor(mention.entity, view.raw[start:end])))
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

    def _anchor(self, entity: str, words: str) -> etree.Element:
        anchor = etree.Element("a")
        anchor.set("href", ROOT + urls.page_path(self.index.entity_pages[entity]))
        anchor.set("class", LINK_CLASS)
        anchor.set("title", self.index.titles[entity])
        anchor.text = AtomicString(words)
        return anchor


def _quote_anchor(anchor: str) -> etree.Element:
    element = etree.Element("span")
    element.set("id", anchor)
    element.set("class", "quote-anchor")
    return element


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


_ID = re.compile(r'\sid="([^"]+)"')


def ids_in(html_parts: Iterable[str]) -> set[str]:
    """The `id`s in rendered section HTML (what links to its page may point at)."""
    return {match.group(1) for html in html_parts for match in _ID.finditer(html)}
