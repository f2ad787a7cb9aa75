"""`check`: validate every input and collect advisories for editors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.analyse.discover import Candidate, Discoverer
from generator.analyse.quotes.overrides import overrides_of
from generator.model import Article
from generator.pipeline import Corpus
from generator.text.mdtree import TreeBuilder


@dataclass(frozen=True)
class Advisory:
    """Something an editor may want to act on; not an error."""

    path: Path
    line: int
    message: str
    detail: str = ""
    """Further lines, e.g. a registry entry ready to paste."""

    def __str__(self) -> str:
        head = f"{self.path}:{self.line}: {self.message}"
        return f"{head}\n{self.detail}" if self.detail else head


def advisories(corpus: Corpus, *, discover: bool = True) -> list[Advisory]:
    """Advisories for every article, oldest first."""
    found: list[Advisory] = []
    discoverer = Discoverer(corpus.registry, corpus.recognizer) if discover else None
    trees = TreeBuilder()
    for article in reversed(corpus.articles):
        found += fallback_sections(article, corpus)
        found += ambiguous_mentions(article, corpus)
        found += quotes_without_speaker(article)
        found += stale_overrides(article)
        if discoverer is not None:
            candidates = discoverer.candidates(article, trees)
            candidates += new_speakers(article, discoverer, {c.name for c in candidates})
            found += [_new_name(article, c) for c in candidates]
    return found


def new_speakers(article: Article, discoverer: Discoverer, known: set[str]) -> list[Candidate]:
    """Quote speakers the registry does not know, with role and affiliation where the article
    gives them: the registry entry that would link their quotes to a page of their own."""
    found: dict[str, Candidate] = {}
    for quote in article.quotes:
        name = quote.speaker_name
        if quote.group != "named" or quote.speaker is not None or not name or name in known or name in found:
            continue
        names = discoverer.names.find(quote.sentence)[0]
        written = next((n for n in names if n.name == name), None)
        kind = "person" if written is not None and written.kind == "person" else "company"
        candidate = Candidate(name, kind, quote.sentence, quote.section, evidence=["speaker"])
        if written is not None:
            candidate.role, candidate.affiliation = written.role, written.affiliation
        found[name] = candidate
    return list(found.values())


def stale_overrides(article: Article) -> list[Advisory]:
    """Override markup whose words no longer stand in the article: it changes nothing now."""
    body = re.sub(r"<!--.*?-->", " ", article.body, flags=re.DOTALL)  # the markup itself holds the words
    text = " ".join(" ".join([article.meta.title, body]).split())
    return [
        Advisory(
            article.path,
            override.line,
            f"the quote markup names „{override.words}“, which no longer stands in the article: it "
            "changes nothing. Copy the words again from the quote, or delete the markup.",
        )
        for override in overrides_of(article)
        if override.words not in text
    ]


def fallback_sections(article: Article, corpus: Corpus) -> list[Advisory]:
    fallback = corpus.themes.fallback
    result = []
    for section in article.sections:
        if section.theme != fallback.key or section.theme_override:
            continue
        best = max(section.scores, key=lambda s: s.score, default=None)
        hint = f" (best: {best.theme} with {best.score:g})" if best and best.score else ""
        result.append(
            Advisory(
                article.path,
                section.line,
                f"section „{section.heading or 'Einleitung'}“ fell to the fallback theme "
                f"`{fallback.key}`: no theme reached min_score {corpus.themes.min_score:g}{hint}. "
                "Add signal terms to config/themes.yml or write `<!-- theme: KEY -->` in the section.",
            )
        )
    return result


def ambiguous_mentions(article: Article, corpus: Corpus) -> list[Advisory]:
    """Short names that two people introduced in the same article could mean."""
    result = []
    for section in article.sections:
        for mention in (m for m in section.mentions if m.others):
            names = [corpus.registry.get(e).name for e in (mention.entity, *mention.others)]
            result.append(
                Advisory(
                    article.path,
                    line_containing(article, section.line, mention.sentence[:20].strip()),
                    f"„{mention.text}“ could mean {' or '.join(names)}; it links to {names[0]}, "
                    f"the one named last. Write the full name to be sure: „{mention.sentence}“",
                )
            )
    return result


def quotes_without_speaker(article: Article) -> list[Advisory]:
    """Quotes listed without a sure speaker: worth a look; unnamed sources ("ein Sprecher") are fine."""
    return [
        Advisory(
            article.path,
            line_containing(article, article.sections[quote.section].line, quote.text[:20].strip()),
            f"quote without a sure speaker ({quote.evidence}): „{' '.join(quote.text.split())[:80]}“. "
            "Name the speaker in the sentence, or set them with "
            f"<!-- zitat: „{' '.join(quote.text.split()[:5])}“ = Name --> (see the editors' guide).",
        )
        for quote in article.quotes
        if quote.group == "unsure"
    ]


def _new_name(article: Article, candidate: Candidate) -> Advisory:
    kind = "person" if candidate.type == "person" else "company"
    facts = ", ".join(x for x in (candidate.role, candidate.affiliation) if x)
    return Advisory(
        article.path,
        line_containing(article, article.sections[candidate.section].line, candidate.name),
        f"new {kind}? {candidate.name}{f' ({facts})' if facts else ''} is not in the registry: "
        f"„{candidate.sentence}“ To add it, paste into config/entities.yml under `entities:`:",
        candidate.registry_entry(),
    )


def line_containing(article: Article, start: int, *texts: str) -> int:
    """First line of the article from line `start` on that holds one of `texts`, tried in order
    (else `start`). Lines are compared without Markdown emphasis ("**Okafor:** …")."""
    lines = [_EMPHASIS.sub("", line) for line in article.body.split("\n")]
    first = max(start - article.body_line, 0)
    for text in texts:
        probe = _EMPHASIS.sub("", text).strip()
        if not probe:
            continue
        for offset, line in enumerate(lines[first:]):
            if probe in line:
                return start + offset
    return start


_EMPHASIS = re.compile(r"[*_`]+")
