"""Entity pages: who is mentioned where, with whom, and how people and companies connect."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator import urls
from generator.mdtext import escape_inline
from generator.model import Article, EntityMention, GeneratedPage, Section
from generator.registry import Entity, EntityType, Registry
from generator.render import Renderer


@dataclass(frozen=True)
class MentionRef:
    """A mention with the section and article it stands in."""

    article: Article
    section: Section
    mention: EntityMention

    @property
    def context(self) -> str:
        """The sentence as Markdown, the mention in bold."""
        sentence = escape_inline(self.mention.sentence)
        needle = escape_inline(self.mention.text)
        return sentence.replace(needle, f"**{needle}**", 1) if needle in sentence else sentence


@dataclass
class EntityFacts:
    """Everything the site knows about one entity."""

    entity: Entity
    type: EntityType
    mentions: list[MentionRef] = field(default_factory=list)
    co_mentions: Counter[str] = field(default_factory=Counter)

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
    articles: Sequence[Article], registry: Registry, renderer: Renderer
) -> tuple[list[GeneratedPage], dict[str, EntityFacts]]:
    """One page per entity and one index per entity type."""
    facts = collect_facts(articles, registry)
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
                ),
            )
        )
    for kind in registry.types.values():
        members = sorted((f for f in facts.values() if f.type.key == kind.key), key=lambda f: f.sort_key)
        letters: dict[str, list[EntityFacts]] = {}
        for item in members:
            letters.setdefault(_letter(item.sort_key), []).append(item)
        src_uri = urls.entity_index(kind.folder)
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
                ),
            )
        )
    return pages, facts


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
