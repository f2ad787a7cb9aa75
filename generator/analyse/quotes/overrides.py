"""Editors have the last word: markup in an article that sets the speaker of a quote or says
that a passage is no quote. It is an HTML comment, so it renders invisibly:

    <!-- zitat: „Wir bauen offen“ = Arthur Mensch -->
    <!-- zitat: „Die Lage ist ernst“ = ohne Namen -->
    <!-- kein zitat: „China factor“ -->

The words in quotation marks are any part of the quote (or of its sentence); a quote the stage
did not find is added from the sentence that holds them. `check` reports markup whose words
no longer stand in the article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Protocol

from generator.analyse.registry import Registry
from generator.model import Article, Quote

MARKUP = re.compile(
    r"<!--\s*(?P<what>kein\s+zitat|no\s+quote|zitat|quote)\s*:\s*[„\"“»«‚](?P<words>[^“”\"«»‘]+?)[“”\"«»‘]"
    r"\s*(?:=\s*(?P<who>[^>]*?))?\s*-->",
    re.IGNORECASE,
)
UNNAMED = ("ohne namen", "unnamed", "niemand", "none")


@dataclass(frozen=True)
class Override:
    """One piece of override markup."""

    words: str
    speaker: str | None
    """The speaker's name; None for "ohne Namen"."""
    not_quote: bool
    section: int
    line: int
    """Line in the article file."""


def overrides_of(article: Article) -> list[Override]:
    found = []
    for section in article.sections:
        for match in MARKUP.finditer(section.markdown):
            who = (match["who"] or "").strip()
            not_quote = match["what"].lower().replace(" ", "") in ("keinzitat", "noquote")
            at = article.body.find(match.group())
            line = article.body_line + article.body.count("\n", 0, at) if at >= 0 else section.line
            speaker = None if who.lower() in UNNAMED or not who else who
            found.append(Override(" ".join(match["words"].split()), speaker, not_quote, section.number, line))
    return found


class _Sentences(Protocol):
    sentences: list[tuple[int, str]]
    article: Article


def apply_overrides(
    quotes: list[Quote], overrides: list[Override], reader: _Sentences, registry: Registry
) -> list[Quote]:
    """`quotes` as the editors' markup says; markup whose words stand nowhere changes nothing."""
    for override in overrides:
        hits = [q for q in quotes if override.words in q.text or override.words in q.sentence]
        if override.not_quote:
            quotes = [q for q in quotes if q not in hits]
            continue
        entity, name = _registry_name(override.speaker, registry)
        group = "named" if name else "unnamed"
        evidence = f"editor's markup on line {override.line}"
        if hits:
            changed = replace(hits[0], speaker=entity, speaker_name=name, group=group, evidence=evidence)
            quotes = [changed if q is hits[0] else q for q in quotes]
            continue
        sentence = next((s for section, s in reader.sentences if override.words in s), None)
        if sentence is not None:
            section = next(section for section, s in reader.sentences if s == sentence)
            digest = hashlib.sha1(f"{reader.article.stem}|{sentence}".encode()).hexdigest()[:8]
            quotes.append(
                Quote(
                    entity, name, sentence, "indirect", sentence, section, f"zitat-{digest}", group, evidence
                )
            )
    return quotes


def _registry_name(written: str | None, registry: Registry) -> tuple[str | None, str | None]:
    if written is None:
        return None, None
    for entity in registry.entities:
        if written == entity.name or written in entity.aliases:
            return entity.id, entity.name
    return None, written
