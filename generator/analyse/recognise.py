"""Recognise stage: find the registry's entities in German and English text.

One Aho-Corasick automaton holds every name, alias and short name of the
registry, so a scan costs the same with 10 or 10,000 entries. A match counts
only as a whole word, optionally followed by a genitive or possessive ending
("Mistral AIs", "DeepSeek's", "Modulus'"), or by a hyphen ("DeepSeek-Modelle"
links "DeepSeek"). A short name ("Mensch") means a person only once that
person's full name appeared earlier in the same article, and not after a
determiner ("ein Mensch").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from generator.analyse.registry import Registry
from generator.model import Span

_SUFFIXES = ("'s", "’s", "s", "'", "’")
_URL = re.compile(r"(?:https?://|www\.)\S+")
# The one or two words right before a name, with nothing but spaces between them.
_PREVIOUS_WORDS = re.compile(r"(?:(\w+)\s+)?(\w+)\s+$")
DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner
    keines jeder jede jedes jeden jedem dieser diese dieses diesen diesem jener jene jenes jenen
    jenem mancher manche manches welcher welche welches mein meine dein deine sein seine ihr
    ihre unser unsere euer eure the a an this that every each no any some""".split()
)
# ", den Mensch sagte": after a comma, der/die/das/den/dem start a relative clause.
_RELATIVE_PRONOUN = re.compile(r",\s*(?:der|die|das|den|dem)\s+$")
_ADJECTIVE_ENDINGS = ("e", "er", "en", "es", "em")


class SpanSet:
    """Spans of one text with a fast overlap test (an empty span counts where a span crosses
    it). Each is filed under the blocks of
    `BLOCK` characters it touches, so a test looks at the spans near it, not at all of them
    (a paragraph of 16,000 names would otherwise cost 16,000² tests)."""

    BLOCK = 64

    def __init__(self, spans: Iterable[Span] = ()):
        self._blocks: dict[int, list[Span]] = {}
        for span in spans:
            self.add(span)

    def _blocks_of(self, span: Span) -> range:
        start, end = span
        return range(start // self.BLOCK, (max(end, start + 1) - 1) // self.BLOCK + 1)

    def add(self, span: Span) -> None:
        for block in self._blocks_of(span):
            self._blocks.setdefault(block, []).append(span)

    def discard(self, span: Span) -> None:
        for block in self._blocks_of(span):
            filed = self._blocks.get(block, [])
            if span in filed:
                filed.remove(span)

    def overlapping(self, span: Span) -> list[Span]:
        """The spans that share a character with `span`, in text order."""
        found = {
            other
            for block in self._blocks_of(span)
            for other in self._blocks.get(block, ())
            if other[0] < span[1] and span[0] < other[1]
        }
        return sorted(found)

    def overlaps(self, span: Span) -> bool:
        return any(
            other[0] < span[1] and span[0] < other[1]
            for block in self._blocks_of(span)
            for other in self._blocks.get(block, ())
        )


@dataclass(frozen=True)
class Mention:
    """An entity found in a text."""

    entity: str
    """Entity id."""
    start: int
    end: int
    """`text[start:end]` is the mention, genitive ending included."""
    text: str
    others: tuple[str, ...] = ()
    """Other introduced people this short name could mean (the mention went to the most recent)."""


@dataclass(frozen=True)
class _Form:
    entity: str
    short: bool
    """A short name: needs the full name earlier, and no determiner before it."""


class Recognizer:
    """Finds the registry's entities in text; build once per registry."""

    def __init__(self, registry: Registry):
        forms: dict[str, list[_Form]] = {}
        for entity in registry.entities:
            for name in (entity.name, *entity.aliases):
                # "Mistral AI" is also written "Mistral-AI" in compounds ("Mistral-AI-Chef").
                for form in {name, name.replace(" ", "-")}:
                    forms.setdefault(form, []).append(_Form(entity.id, short=False))
            if registry.type_of(entity).short_name and entity.short_name:
                forms.setdefault(entity.short_name, []).append(_Form(entity.id, short=True))
        self.automaton = ahocorasick.Automaton()
        for form, meanings in forms.items():
            # A full name or alias wins over someone's short name of the same spelling.
            full = [m for m in meanings if not m.short]
            self.automaton.add_word(form, (len(form), tuple(full or meanings)))
        self.empty = not forms
        if not self.empty:
            self.automaton.make_automaton()
        self.people = frozenset(e.id for e in registry.entities if registry.type_of(e).short_name)

    def scan(
        self,
        text: str,
        introduced: tuple[str, ...] = (),
        excluded: Sequence[Span] = (),
    ) -> tuple[list[Mention], tuple[str, ...]]:
        """Mentions in `text`, and the people introduced by full name so far (most recent last).

        `introduced` are the people whose full name appeared before this text in the article;
        nothing inside a URL or an `excluded` span is a mention.
        """
        if self.empty or not text:
            return [], introduced
        excluded_spans = SpanSet([*excluded, *(m.span() for m in _URL.finditer(text))])
        candidates = []
        for end_index, (length, meanings) in self.automaton.iter(text):
            start, end = end_index + 1 - length, end_index + 1
            if start > 0 and _is_word_char(text[start - 1]):
                continue
            end = _word_end(text, end)
            if end is None or excluded_spans.overlaps((start, end)):
                continue
            candidates.append((start, end, meanings))
        mentions = []
        seen = list(introduced)
        for start, end, meanings in _leftmost_longest(candidates):
            resolved = _resolve(meanings, seen, text, start)
            if not resolved:
                continue
            entity, *others = resolved
            if entity in self.people and not meanings[0].short:
                if entity in seen:
                    seen.remove(entity)
                seen.append(entity)
            mentions.append(Mention(entity, start, end, text[start:end], tuple(others)))
        return mentions, tuple(seen)


def _word_end(text: str, end: int) -> int | None:
    """End of the match with its genitive/possessive ending, or None inside a longer word."""
    suffixes = _SUFFIXES if text[end - 1] in "sxzß" else _SUFFIXES[:3]
    for suffix in suffixes:
        after = end + len(suffix)
        if text.startswith(suffix, end) and (after == len(text) or not _is_word_char(text[after])):
            return after
    if end == len(text) or not _is_word_char(text[end]):
        return end
    return None


def _is_word_char(char: str) -> bool:
    # A combining mark belongs to the letter before it ("Google" + U+0301 is no "Google").
    return char.isalnum() or char == "_" or unicodedata.combining(char) > 0


def _leftmost_longest(
    candidates: list[tuple[int, int, tuple[_Form, ...]]],
) -> list[tuple[int, int, tuple[_Form, ...]]]:
    chosen = []
    last_end = -1
    for start, end, meanings in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if start >= last_end:
            chosen.append((start, end, meanings))
            last_end = end
    return chosen


def _resolve(meanings: tuple[_Form, ...], seen: list[str], text: str, start: int) -> list[str]:
    """The entity a match means, then the other people it could mean; empty for no entity."""
    if not meanings[0].short:
        return [meanings[0].entity]
    if _after_determiner(text[max(0, start - 60) : start]):
        return []
    # The most recently introduced person who has this short name comes first.
    candidates = {m.entity for m in meanings}
    return [person for person in reversed(seen) if person in candidates]


def _after_determiner(before: str) -> bool:
    """Whether the words right before a short name make it a common noun ("ein kluger Mensch").

    "Das sagte Mensch" is no common noun: at a sentence start, a word in -te after the
    determiner is more often a verb in the past tense than an adjective.
    """
    words = _PREVIOUS_WORDS.search(before)
    if words is None or _RELATIVE_PRONOUN.search(before):
        return False
    earlier, previous = words.group(1), words.group(2)
    if previous.lower() in DETERMINERS:
        return True
    return bool(
        earlier
        and earlier.lower() in DETERMINERS
        and previous.islower()
        and previous.endswith(_ADJECTIVE_ENDINGS)
        and (earlier[0].islower() or not previous.endswith("te"))
    )
