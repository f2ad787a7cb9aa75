"""Entity pages: who is mentioned where, with whom, and how people and companies connect."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator import urls
from generator.analyse.registry import Entity, EntityType, Registry
from generator.model import Article, EntityMention, GeneratedPage, Quote, Section
from generator.render.pages import Pager, paginate
from generator.render.renderer import Renderer, text_html
from generator.text.mdtext import escape_inline


@dataclass(frozen=True)
class MentionRef:
    """A mention with the section and article it stands in."""

    article: Article
    section: Section
    mention: EntityMention

    @property
    def context(self) -> str:
        """The sentence as HTML, the mention in bold."""
        sentence = text_html(self.mention.sentence)
        needle = text_html(self.mention.text)
        return sentence.replace(needle, f"<strong>{needle}</strong>", 1) if needle in sentence else sentence


@dataclass(frozen=True)
class QuoteRef:
    """A quote with the article it stands in."""

    article: Article
    quote: Quote

    @property
    def section(self) -> Section:
        return self.article.sections[self.quote.section]

    @property
    def display(self) -> str:
        """The quote as Markdown: direct words in „…“; reported speech as its whole sentence,
        so that it reads as a statement, with the reported part in italics."""
        return self._shown(escape_inline, "*", "*")

    @property
    def display_html(self) -> str:
        """`display` as HTML."""
        return self._shown(text_html, "<em>", "</em>")

    def _shown(self, escape: Callable[[str], str], start: str, end: str) -> str:
        quote = self.quote
        if quote.kind == "direct":
            return f"„{escape(quote.text)}“"
        at = quote.sentence.find(quote.text)
        if quote.kind == "mixed" or at < 0 or quote.text == quote.sentence:
            return escape(quote.sentence)
        before, after = quote.sentence[:at], quote.sentence[at + len(quote.text) :]
        return f"{escape(before)}{start}{escape(quote.text)}{end}{escape(after)}"


ENTRIES_PER_PAGE = 200
SPEAKERS_PER_PAGE = 50
QUOTES_PER_SPEAKER = 10
ARTICLES_PER_ENTITY = 30
"""Entity pages list the mentions of this many newest articles, and say how many more there are."""
QUOTES_PER_ENTITY = 20

KIND_LABELS = {"direct": "wörtlich", "indirect": "sinngemäß", "mixed": "teils wörtlich"}
UNNAMED = "Ohne Namen"
"""The group of quotes whose source the article leaves unnamed ("ein Sprecher")."""
UNSURE = "Ohne sichere Zuordnung"
"""The group of quotes whose speaker the text does not tell for sure: never a guessed name."""


@dataclass
class EntityFacts:
    """Everything the site knows about one entity."""

    entity: Entity
    type: EntityType
    mentions: list[MentionRef] = field(default_factory=list)
    co_mentions: Counter[str] = field(default_factory=Counter)
    quotes: list[QuoteRef] = field(default_factory=list)
    """What this entity said, newest article first."""

    @property
    def by_article(self) -> list[tuple[Article, list[MentionRef]]]:
        grouped: dict[str, tuple[Article, list[MentionRef]]] = {}
        for ref in self.mentions:
            grouped.setdefault(ref.article.stem, (ref.article, []))[1].append(ref)
        return list(grouped.values())

    @property
    def ranked_co_mentions(self) -> list[tuple[str, int]]:
        """Co-mentioned entity ids, most shared sections first, then by id (deterministic)."""
        return sorted(self.co_mentions.items(), key=lambda item: (-item[1], item[0]))

    @property
    def sort_key(self) -> str:
        """Surname first for people ("LeCun, Yann"), the name for everything else."""
        name = self.entity.name
        if self.type.short_name and self.entity.short_name:
            name = f"{self.entity.short_name} {name}"
        return name.casefold()


def collect_facts(articles: Sequence[Article], registry: Registry) -> dict[str, EntityFacts]:
    """Mentions (articles newest first) and co-mentions (sections shared) of every entity."""
    facts = {e.id: EntityFacts(e, registry.type_of(e)) for e in registry.entities}
    for article in articles:
        for section in article.sections:
            for mention in section.mentions:
                facts[mention.entity].mentions.append(MentionRef(article, section, mention))
            present = {m.entity for m in section.mentions}
            for entity in present:
                facts[entity].co_mentions.update(present - {entity})
        for quote in article.quotes:
            if quote.speaker is not None and quote.group == "named":
                facts[quote.speaker].quotes.append(QuoteRef(article, quote))
    return facts


def page_of(facts: EntityFacts) -> str:
    return urls.entity_page(facts.type.folder, facts.entity.id)


def json_ld(entity: Entity, kind: EntityType, registry: Registry) -> str:
    """schema.org JSON-LD, safe to put inside a `<script>` element."""
    data: dict[str, object] = {"@context": "https://schema.org", "@type": kind.schema, "name": entity.name}
    if entity.aliases:
        data["alternateName"] = list(entity.aliases)
    if entity.description:
        data["description"] = entity.description
    if entity.role and kind.schema == "Person":
        data["jobTitle"] = entity.role
    if entity.affiliation:
        other = registry.get(entity.affiliation)
        key = "worksFor" if kind.schema == "Person" else "parentOrganization"
        data[key] = {"@type": registry.type_of(other).schema, "name": other.name}
    if entity.url:
        data["sameAs"] = [entity.url]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # No "</script>" or "<!--" can end the element early.
    return re.sub(r"[<>&]", lambda m: f"\\u{ord(m.group()):04x}", text)


def build_entity_pages(
    facts: dict[str, EntityFacts],
    registry: Registry,
    renderer: Renderer,
    neighbourhood: Callable[[EntityFacts], str] = lambda _: "",
) -> list[GeneratedPage]:
    """One page per entity (with `neighbourhood`: an SVG of its neighbours) and one index per type."""
    pages = []
    for item in facts.values():
        src_uri = page_of(item)
        pages.append(
            GeneratedPage(
                src_uri,
                item.entity.name,
                renderer.render(
                    "entity.md.j2",
                    src_uri,
                    facts=item,
                    all_facts=facts,
                    registry=registry,
                    members=_members_by_type(item, facts, registry),
                    json_ld=json_ld(item.entity, item.type, registry),
                    entity_page=page_of,
                    kinds=KIND_LABELS,
                    neighbourhood=neighbourhood(item),
                    max_articles=ARTICLES_PER_ENTITY,
                    max_quotes=QUOTES_PER_ENTITY,
                ),
            )
        )
    for kind in registry.types.values():
        members = sorted((f for f in facts.values() if f.type.key == kind.key), key=lambda f: f.sort_key)
        chunks = paginate(members, ENTRIES_PER_PAGE)
        for number, chunk in enumerate(chunks, start=1):
            letters: dict[str, list[EntityFacts]] = {}
            for item in chunk:
                letters.setdefault(_letter(item.sort_key), []).append(item)
            src_uri = urls.entity_index(kind.folder, number)
            pages.append(
                GeneratedPage(
                    src_uri,
                    kind.title,
                    renderer.render(
                        "entity_index.md.j2",
                        src_uri,
                        kind=kind,
                        letters=letters,
                        all_facts=facts,
                        entity_page=page_of,
                        pager=Pager(number, len(chunks), functools.partial(urls.entity_index, kind.folder)),
                    ),
                )
            )
    return pages


def _members_by_type(
    item: EntityFacts, facts: dict[str, EntityFacts], registry: Registry
) -> list[tuple[EntityType, list[EntityFacts]]]:
    """The entries affiliated with `item` (a company's people), grouped by type."""
    grouped: dict[str, list[EntityFacts]] = {}
    for member in registry.members(item.entity.id):
        grouped.setdefault(member.type, []).append(facts[member.id])
    return [(registry.types[key], sorted(group, key=lambda f: f.sort_key)) for key, group in grouped.items()]


def _letter(sort_key: str) -> str:
    first = sort_key[:1].upper()
    return {"Ä": "A", "Ö": "O", "Ü": "U"}.get(first, first if first.isalpha() else "#")


@dataclass(frozen=True)
class SpeakerQuotes:
    """The quotes of one speaker on the quote index."""

    name: str
    """Display name; "Ohne Namen" for unnamed sources."""
    facts: EntityFacts | None
    """The registry entry, if the speaker has one."""
    quotes: tuple[QuoteRef, ...]


def build_quotes_pages(
    articles: Sequence[Article], registry: Registry, renderer: Renderer, facts: dict[str, EntityFacts]
) -> list[GeneratedPage]:
    """All quotes grouped by speaker (A–Z, unnamed last), each speaker's newest first; a fixed
    number of speakers per page and of quotes per speaker (the rest is on the speaker's page)."""
    groups: dict[str, list[QuoteRef]] = {}
    for article in articles:  # newest first
        for quote in article.quotes:
            key = quote.speaker or quote.speaker_name if quote.group == "named" else None
            group = key or (UNNAMED if quote.group == "unnamed" else UNSURE)
            groups.setdefault(group, []).append(QuoteRef(article, quote))
    speakers = [
        SpeakerQuotes(facts[key].entity.name if key in facts else key, facts.get(key), tuple(refs))
        for key, refs in groups.items()
    ]
    last = {UNNAMED: 1, UNSURE: 2}
    speakers.sort(key=lambda s: (last.get(s.name, 0), s.facts.sort_key if s.facts else s.name.casefold()))
    chunks = paginate(speakers, SPEAKERS_PER_PAGE)
    return [
        GeneratedPage(
            urls.quotes_index(number),
            "Zitate",
            renderer.render(
                "quotes.md.j2",
                urls.quotes_index(number),
                speakers=chunk,
                entity_page=page_of,
                kinds=KIND_LABELS,
                pager=Pager(number, len(chunks), urls.quotes_index),
                per_speaker=QUOTES_PER_SPEAKER,
            ),
        )
        for number, chunk in enumerate(chunks, start=1)
    ]
