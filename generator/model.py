"""The documents that flow through the pipeline.

Each stage takes these frozen dataclasses and returns new ones with the
data it derived filled in (the reader fills `meta` and `body`, the splitter
`sections`, the classifier each section's `theme` and `scores`), so a later
stage never recomputes what an earlier one found.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]
"""A (start, end) range of a text."""


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Validated front matter of an article."""

    title: str
    """Headline, shown as the page title."""
    date: dt.date
    """Publication date; orders articles newest first."""
    lang: str = "de"
    """Language of the text (`de` or `en`); selects the theme signals."""
    source: str | None = None
    """URL of the original publication."""
    authors: tuple[str, ...] = ()
    """Names of the authors."""
    tags: tuple[str, ...] = ()
    """Free keywords chosen by the editor."""
    summary: str | None = None
    """One or two sentences shown in indexes."""


@dataclass(frozen=True, slots=True)
class ThemeScore:
    """How strongly one section matched one theme."""

    theme: str
    """Theme key."""
    score: float
    """Sum of the weights of the matched signals."""
    hits: tuple[tuple[str, int], ...] = ()
    """Each matched signal term with its number of matches (heading matches multiplied)."""


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a registry entity in a section."""

    entity: str
    """Entity id."""
    text: str
    """The words as written ("Mistral AIs")."""
    sentence: str
    """The sentence around the mention, as plain text."""
    others: tuple[str, ...] = ()
    """Other people a short name could mean here (`check` reports these)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement found in an article, with its speaker and the evidence for it."""

    speaker: str | None
    """Entity id of the speaker, if the registry knows them."""
    speaker_name: str | None
    """The speaker as fully named in the article (the registry's name for registry entries);
    None when the source stays unnamed or is not sure."""
    text: str
    """The quoted words, or the reported content."""
    kind: str
    """`direct`, `indirect` (reported speech), or `mixed` (a reported frame with quoted words)."""
    sentence: str
    """The sentence(s) the quote stands in, as plain text."""
    section: int
    """Number of the section it stands in."""
    anchor: str
    """Stable id on the article page: `zitat-` and a hash of article and text."""
    group: str = "named"
    """`named` (a speaker on evidence), `unnamed` (the source is unnamed: "ein Sprecher"), or
    `unsure` (the evidence is weak or two people compete): how the quote index lists it."""
    evidence: str = ""
    """Why this speaker: cue, source and how the source was resolved (`explain --quotes`)."""

    @property
    def display(self) -> str:
        """What the quote index shows: quoted words in „…“; reported speech as its whole
        sentence, so that it reads as a statement ("Mensch erklärte, dass …")."""
        return f"„{self.text}“" if self.kind == "direct" else self.sentence


@dataclass(frozen=True, slots=True)
class EditorLink:
    """A relative link or image an editor wrote in an article: checked on every build."""

    target: str
    """As written (`../bilder/x.png`, `other.md#part`, `#part`)."""
    resolved: str
    """The file it leads to, relative to the docs folder (the article itself for `#part`)."""
    anchor: str
    """The part after `#`, or ""."""


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` section of an article with its `###` sub-sections, or the text before the first `##`."""

    number: int
    """Position in the article, from 0."""
    heading: str | None
    """Heading text as written (without `##` and attribute list); None for the lead."""
    anchor: str | None
    """Id of the heading on the article page; None for the lead (it links to the page top)."""
    line: int
    """Line in the article file where the section starts."""
    markdown: str
    """Body Markdown, without the heading line and without theme override comments."""
    theme_override: str | None = None
    """Theme key an editor forced with `<!-- theme: KEY -->`."""
    override_line: int | None = None
    """Line of that override comment."""
    theme: str | None = None
    """Assigned theme key (set by the classifier)."""
    scores: tuple[ThemeScore, ...] = ()
    """Score per theme, in theme-file order (set by the classifier)."""
    introduced: tuple[str, ...] = ()
    """People whose full name appeared before this section in the article (set by the recogniser)."""
    mentions: tuple[EntityMention, ...] = ()
    """Entity mentions in document order (set by the recogniser)."""
    body: tuple[tuple[str, str], ...] = ()
    """The body as rendered once (set by the render stage): ("html", HTML with entity links
    and quote anchors, site links starting at `linking.ROOT`) parts, and ("heading", line)
    for each `###` heading between them, which stays Markdown for the page's table of contents."""
    links: tuple[EditorLink, ...] = ()
    """The relative links the editors wrote in the body (set by the render stage)."""
    heading_text: str | None = None
    """The heading as a reader reads it, Markdown and HTML resolved (set by the render stage)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article file and everything derived from it."""

    path: Path
    """The editor's Markdown file."""
    stem: str
    """File name without `.md`; the article's URL slug."""
    meta: ArticleMeta
    """Validated front matter."""
    body: str
    """Markdown after the front matter, with LF line ends."""
    body_line: int
    """Line of the file on which `body` starts."""
    source_uri: str = ""
    """Where the file lies below the docs folder (`articles/2025/x.md`); its relative links
    and images are written from there."""
    sections: tuple[Section, ...] = field(default=())
    """Sections in order (set by the splitter)."""
    quotes: tuple[Quote, ...] = field(default=())
    """Quotes in order (set by the quote finder)."""


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page that exists only in memory: where it goes and its Markdown."""

    src_uri: str
    """Path relative to the docs folder, `/`-separated, ending in `.md`."""
    title: str
    """Page title (also its `<h1>`)."""
    content: str
    """Markdown source of the page."""


@dataclass(frozen=True, slots=True)
class NavItem:
    """An entry of the site navigation: a page, or a titled group of entries."""

    title: str
    src_uri: str | None = None
    children: tuple[NavItem, ...] = ()
