"""Cue words for quotes and speakers (`data/speech.yml`), compiled, and quotation marks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

import yaml

from generator.discover import Cues
from generator.model import Span


@dataclass(frozen=True)
class SpeechCues:
    """The word lists of `data/speech.yml`, compiled."""

    data: dict[str, Any]

    @classmethod
    def load(cls) -> SpeechCues:
        text = resources.files("generator").joinpath("data/speech.yml").read_text("utf-8")
        return cls(yaml.safe_load(text))

    @cached_property
    def verb(self) -> re.Pattern[str]:
        words = [*self.data["verbs"]["de"], *self.data["verbs"]["en"]]
        return _words(words)

    @cached_property
    def particle_verbs(self) -> dict[str, tuple[str, ...]]:
        result = {}
        for verb, particles in self.data["particle_verbs"].items():
            result[verb.lower()] = tuple(
                p.lower() for p in ([particles] if isinstance(particles, str) else particles)
            )
        return result

    @cached_property
    def particle_verb(self) -> re.Pattern[str]:
        return _words(self.particle_verbs)

    @cached_property
    def subjunctive(self) -> re.Pattern[str]:
        return _words(self.data["subjunctive"])

    @cached_property
    def unnamed(self) -> re.Pattern[str]:
        # Compounds count: "Finanzanalysten", "aus Kommissionskreisen", "Firmensprecher".
        words = _alternatives(self.data["unnamed"])
        return re.compile(rf"(?<![\w-])(?:[\w.]+-)?\w*(?:{words})(?![\w-])", re.IGNORECASE)

    @cached_property
    def company_reference(self) -> re.Pattern[str]:
        nouns = _alternatives(Cues.load().company_nouns)
        listed = _alternatives(self.data["company_references"])
        # "das Unternehmen", "der Chiphersteller", "das Pariser Start-up"
        return re.compile(
            rf"(?<![\w-])(?:{listed}|(?:der|die|das)\s+(?:[A-ZÄÖÜ]\w+er\s+)?[\w-]*(?:{nouns}))(?![\w-])",
            re.IGNORECASE,
        )

    @cached_property
    def scare_marker(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_alternatives(self.data['scare_markers'])})\s+\S*\s*$", re.IGNORECASE)

    @cached_property
    def pronouns(self) -> dict[str, str]:
        return {word: gender for gender, words in self.data["pronouns"].items() for word in words}

    @cached_property
    def pronoun(self) -> re.Pattern[str]:
        return _words(self.pronouns)

    @cached_property
    def role_reference(self) -> re.Pattern[str]:
        words = [w for group in self.data["role_references"] for w in group["words"]]
        # "der Firmenchef", "der Nvidia-Chef", "the OpenAI CEO", "the company's chief executive";
        # not an apposition ("Gardner, CEO von …").
        articles = "der|die|dem|den|des|the"
        return re.compile(
            rf"(?<![\w-])(?:{articles})\s+(?:(?:company|firm|group)['’]s\s+|(?P<org>[\w.]+(?:\s+[A-Z][\w.]*){{0,2}})[-\s])?"
            rf"(?P<role>{_alternatives(words)})(?![\w-])",
            re.IGNORECASE,
        )

    def roles_for(self, word: str) -> tuple[str, ...]:
        """The registry roles a role word refers to ("Firmenchef" -> CEO, Chef, …)."""
        for group in self.data["role_references"]:
            if word.lower() in (w.lower() for w in group["words"]):
                return tuple(group["roles"])
        return ()

    @cached_property
    def marks(self) -> dict[str, str]:
        return dict(self.data["quote_marks"])


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _words(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternatives(words)})(?![\w-])", re.IGNORECASE)


def quote_spans(text: str, marks: dict[str, str]) -> list[Span]:
    """Spans of the text between quotation marks (marks excluded), outermost only.

    Each opener's closer is found by bisection in the positions of the closing marks, so an
    unclosed opener costs no scan to the end of the text (40,000 unclosed „ took 86 s)."""
    closing = set("".join(marks.values()))
    positions: dict[str, list[int]] = {char: [] for char in closing}
    for index, char in enumerate(text):
        if char in closing:
            positions[char].append(index)
    spans = []
    index = 0
    while index < len(text):
        char = text[index]
        closers = marks.get(char)
        if closers and (char != '"' or index == 0 or not text[index - 1].isalnum()):
            end = _next_position(positions, closers, index)
            if end is not None and end > index + 1:
                spans.append((index + 1, end))
                index = end + 1
                continue
        index += 1
    return spans


def _next_position(positions: dict[str, list[int]], chars: str, after: int) -> int | None:
    found = None
    for char in chars:
        at = positions[char]
        i = bisect.bisect_right(at, after)
        if i < len(at) and (found is None or at[i] < found):
            found = at[i]
    return found
