"""Classify stage: each section gets exactly one theme from the editors' theme file.

Signals are weighted terms per language. A term is one or more words
(`open source`, `wall street`); a word ending in `*` matches any word that
starts with it (`demokratis*` matches "Demokratisierungspotenzial"); words are
matched case-insensitively and a space also matches a hyphen, so "Open-Source"
counts for `open source`. Matches in the section heading count
`heading_weight` times. The theme with the highest score wins when it reaches
`min_score`; otherwise the section goes to the fallback theme. An editor's
`<!-- theme: KEY -->` in the section wins over the scores.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError
from generator.model import Article, Section, ThemeScore
from generator.read.articles import LANGUAGES
from generator.text.readable import editor_text
from generator.text.yamlfile import LineMap, load_yaml_file

_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_WORD = re.compile(r"[^\W_]+\*?|\*")


@dataclass(frozen=True)
class Theme:
    """One theme of the site."""

    key: str
    """URL slug and the name used in overrides."""
    title: str
    """German title shown to readers."""
    description: str
    """Short introduction shown on the theme page."""
    signals: dict[str, dict[str, float]]
    """Per language: term -> weight."""


@dataclass(frozen=True)
class ThemeSet:
    """The parsed theme file, ready to classify sections."""

    path: Path
    themes: tuple[Theme, ...]
    fallback: Theme
    min_score: float
    heading_weight: float
    matchers: dict[str, _Matcher]

    def get(self, key: str) -> Theme | None:
        return next((t for t in (*self.themes, self.fallback) if t.key == key), None)

    @property
    def all(self) -> tuple[Theme, ...]:
        """The themes in file order, then the fallback."""
        return (*self.themes, self.fallback)


_TOKEN = re.compile(r"\w+")
_SEPARATOR = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class _Matcher:
    """All terms of one language, indexed by their first word, for one pass over the words.

    A loop over every term (or one regular expression with every term as an alternative)
    costs time per term at every word; looking up each word's prefixes does not.
    """

    terms: tuple[str, ...]
    """Lower-case terms, longest first (the longest term wins where several match)."""
    weights: tuple[dict[str, float], ...]
    """Per term: theme key -> weight."""
    words: tuple[tuple[tuple[str, bool], ...], ...]
    """Per term: its words, each with whether it is a prefix (`word*`)."""
    exact: dict[str, tuple[int, ...]]
    prefix: dict[str, tuple[int, ...]]

    @functools.cached_property
    def longest_prefix(self) -> int:
        """No longer prefix of a word need be looked up (a 200 kB "word" costs 200 kB, not 20 GB)."""
        return max(map(len, self.prefix), default=0)

    def find(self, text: str) -> Iterator[int]:
        """The index of each term found in `text`, left to right, without overlaps."""
        tokens = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        index = 0
        while index < len(tokens):
            word = tokens[index][0]
            candidates = list(self.exact.get(word, ()))
            for length in range(1, min(len(word), self.longest_prefix) + 1):
                candidates += self.prefix.get(word[:length], ())
            best = min((t for t in candidates if self._matches(t, tokens, index, text)), default=None)
            if best is None:
                index += 1
            else:
                yield best
                index += len(self.words[best])

    def _matches(self, term: int, tokens: list[tuple[str, int, int]], index: int, text: str) -> bool:
        words = self.words[term]
        if index + len(words) > len(tokens):
            return False
        for offset, (word, is_prefix) in enumerate(words):
            token, start, _ = tokens[index + offset]
            if not (token.startswith(word) if is_prefix else token == word):
                return False
            if offset and not _SEPARATOR.fullmatch(text[tokens[index + offset - 1][2] : start]):
                return False
        return True


def compile_term(term: str) -> str:
    """Regular expression for one signal term (see the module docstring); it checks a term
    and documents what `_Matcher.find` matches."""
    words = _WORD.findall(term)
    if not words or "*" in words:
        raise ValueError(f"a term needs at least one word and `*` only at a word's end: {term!r}")
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


def _build_matcher(theme_list: tuple[Theme, ...], lang: str) -> _Matcher:
    weights: dict[str, dict[str, float]] = {}
    for theme in theme_list:
        for term, weight in theme.signals.get(lang, {}).items():
            weights.setdefault(term.lower(), {})[theme.key] = weight
    # Longest terms first, so "open source community" wins over "open source" at one position.
    terms = tuple(sorted(weights, key=lambda t: (-len(t), t)))
    words = tuple(tuple((w.rstrip("*"), w.endswith("*")) for w in _WORD.findall(term)) for term in terms)
    exact: dict[str, list[int]] = {}
    prefix: dict[str, list[int]] = {}
    for index, term_words in enumerate(words):
        first, is_prefix = term_words[0]
        (prefix if is_prefix else exact).setdefault(first, []).append(index)
    return _Matcher(
        terms,
        tuple(weights[t] for t in terms),
        words,
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefix.items()},
    )


def load_themes(path: Path) -> ThemeSet:
    """Read and validate the theme file."""
    data = load_yaml_file(path)
    if not isinstance(data, LineMap):
        raise GeneratorError("the theme file must be a YAML mapping with `themes:`.", path=path)
    entries = data.get("themes")
    if not isinstance(entries, list) or not entries:
        raise GeneratorError(
            "`themes` must be a non-empty list of themes.", path=path, line=data.line_of("themes")
        )
    themes = tuple(_theme(entry, path, with_signals=True) for entry in entries)
    fallback = _theme(data.get("fallback"), path, with_signals=False, line=data.line_of("fallback"))
    seen: dict[str, int] = {}
    for theme, entry in zip((*themes, fallback), (*entries, data.get("fallback")), strict=True):
        line = entry.line_of("key")
        if theme.key in seen:
            raise GeneratorError(
                f"theme key `{theme.key}` is used twice (first on line {seen[theme.key]}). "
                "Give each theme its own key.",
                path=path,
                line=line,
            )
        seen[theme.key] = line
    min_score = _number(data, "min_score", 1.0, path)
    heading_weight = _number(data, "heading_weight", 3.0, path)
    matchers = {lang: _build_matcher(themes, lang) for lang in LANGUAGES}
    return ThemeSet(path, themes, fallback, min_score, heading_weight, matchers)


def _theme(entry: Any, path: Path, *, with_signals: bool, line: int | None = None) -> Theme:
    if not isinstance(entry, LineMap):
        raise GeneratorError(
            "each theme must be a mapping with `key`, `title` and `description`.",
            path=path,
            line=line,
        )
    for field in ("key", "title", "description"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise GeneratorError(
                f"theme `{field}` is missing or not text. Add `{field}: …` to this theme.",
                path=path,
                line=entry.line_of(field),
            )
    if not _KEY.fullmatch(entry["key"]) or entry["key"] == "index":
        raise GeneratorError(
            f"theme key {entry['key']!r} must be lower-case ASCII letters, digits and hyphens, "
            "and not `index` (it becomes the URL; themes/ is the overview).",
            path=path,
            line=entry.line_of("key"),
        )
    signals: dict[str, dict[str, float]] = {}
    if with_signals:
        signals = _signals(entry, path)
    title = editor_text(entry["title"], "title", path, entry.line_of("title"))
    description = editor_text(entry["description"], "description", path, entry.line_of("description"))
    return Theme(entry["key"], title, description, signals)


def _signals(entry: LineMap, path: Path) -> dict[str, dict[str, float]]:
    raw = entry.get("signals")
    if not isinstance(raw, LineMap) or not raw:
        raise GeneratorError(
            "theme has no `signals`. Add `signals:` with a `de:` (and `en:`) map of term: weight.",
            path=path,
            line=entry.line_of("signals"),
        )
    signals: dict[str, dict[str, float]] = {}
    for lang, terms in raw.items():
        if lang not in LANGUAGES:
            raise GeneratorError(
                f"unknown signal language `{lang}`; use one of {', '.join(LANGUAGES)}.",
                path=path,
                line=raw.line_of(lang),
            )
        if not isinstance(terms, LineMap):
            raise GeneratorError(
                f"`{lang}` must map terms to weights, e.g. `demokratis*: 3`.",
                path=path,
                line=raw.line_of(lang),
            )
        for term, weight in terms.items():
            if not _is_weight(weight):
                raise GeneratorError(
                    f"the weight of `{term}` must be a number from -{MAX_WEIGHT} to {MAX_WEIGHT}, "
                    f"not {weight!r}.",
                    path=path,
                    line=terms.line_of(term),
                )
            try:
                compile_term(term)
            except ValueError as exc:
                raise GeneratorError(f"{exc}.", path=path, line=terms.line_of(term)) from None
        signals[lang] = {term: float(weight) for term, weight in terms.items()}
    return signals


MAX_WEIGHT = 1000
"""Weights and scores are small numbers; a larger one (or `.inf`, `.nan`) is a typo."""


def _is_weight(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and abs(value) <= MAX_WEIGHT


def _number(data: LineMap, key: str, default: float, path: Path) -> float:
    value = data.get(key, default)
    if not _is_weight(value) or value < 0:
        raise GeneratorError(
            f"`{key}` must be a number from 0 to {MAX_WEIGHT}, not {value!r}.",
            path=path,
            line=data.line_of(key),
        )
    return float(value)


def score_section(section: Section, lang: str, themes: ThemeSet) -> tuple[ThemeScore, ...]:
    """Score of the section for each theme (fallback excluded), in file order."""
    matcher = themes.matchers[lang]
    counts: dict[int, float] = {}
    for text, factor in ((section.heading or "", themes.heading_weight), (section.markdown, 1.0)):
        for term in matcher.find(text):
            counts[term] = counts.get(term, 0.0) + factor
    scores = []
    for theme in themes.themes:
        total = 0.0
        hits = []
        for term, count in sorted(counts.items()):
            weight = matcher.weights[term].get(theme.key)
            if weight is not None:
                total += weight * count
                hits.append((matcher.terms[term], int(count)))
        scores.append(ThemeScore(theme.key, total, tuple(hits)))
    return tuple(scores)


def classify(article: Article, themes: ThemeSet) -> Article:
    """Return `article` with a theme and scores on every section."""
    sections = []
    for section in article.sections:
        scores = score_section(section, article.meta.lang, themes)
        if section.theme_override is not None:
            if themes.get(section.theme_override) is None:
                known = ", ".join(t.key for t in themes.all)
                raise GeneratorError(
                    f"unknown theme `{section.theme_override}` in the override. Use one of: {known}.",
                    path=article.path,
                    line=section.override_line,
                )
            theme = section.theme_override
        else:
            theme = winner(scores, themes)
        sections.append(dataclasses.replace(section, theme=theme, scores=scores))
    return dataclasses.replace(article, sections=tuple(sections))


def winner(scores: tuple[ThemeScore, ...], themes: ThemeSet) -> str:
    """Highest score (first in file order on a tie), or the fallback below `min_score`."""
    best = max(scores, key=lambda s: s.score, default=None)
    if best is None or best.score < themes.min_score or best.score == 0:
        return themes.fallback.key
    return best.theme
