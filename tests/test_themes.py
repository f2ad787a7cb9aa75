from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.analyse.themes import ThemeSet, classify, compile_term, load_themes
from generator.errors import GeneratorError
from generator.read.articles import read_article
from generator.read.sections import split_sections
from tests.conftest import ROOT, SAMPLE_ARTICLE
from tests.test_sections import article

THEMES = ROOT / "config" / "themes.yml"


@pytest.fixture(scope="module")
def themes() -> ThemeSet:
    return load_themes(THEMES)


def test_sample_article_sections_get_the_expected_themes(themes: ThemeSet) -> None:
    classified = classify(split_sections(read_article(SAMPLE_ARTICLE)), themes)
    assert [(s.heading.split(":")[0] if s.heading else None, s.theme) for s in classified.sections] == [
        ("Der Open-Source-Vorteil", "open-source-vorteile"),
        ("Mistral AIs Open-Source-Engagement", "mistral-strategie"),
        ("Finanzielle Stärke und zukünftiges Wachstum", "mistral-strategie"),
        ("Das Demokratisierungspotenzial von Open Source", "open-source-vorteile"),
        ("DeepSeeks Einfluss", "deepseek-einfluss"),
        ("Die Macht der offenen Forschung und Open Source", "deepseek-einfluss"),
        ("Ein tieferer Einblick in die Strategie von Mistral AI", "mistral-strategie"),
        ("Die Zukunft der Open-Source-KI", "zukunft-offener-ki"),
    ]


def test_english_sections_use_english_signals(themes: ThemeSet) -> None:
    english = dataclasses.replace(
        article(
            "## The future of open models\n\nA paradigm shift lowers the barriers to entry.\n\n"
            "## DeepSeek rattles Wall Street\n\nNvidia shares fell after DeepSeek's release.\n"
        ),
        meta=dataclasses.replace(article("").meta, lang="en"),
    )
    sections = classify(split_sections(english), themes).sections
    assert [s.theme for s in sections] == ["zukunft-offener-ki", "deepseek-einfluss"]


def test_low_scores_go_to_the_fallback(themes: ThemeSet) -> None:
    sections = classify(split_sections(article("## Wetter\n\nMorgen regnet es.\n")), themes).sections
    assert sections[0].theme == "weitere-themen"
    assert all(score.score == 0 for score in sections[0].scores)


def test_override_wins_over_scores(themes: ThemeSet) -> None:
    body = "## DeepSeeks Einfluss\n<!-- theme: zukunft-offener-ki -->\nDeepSeek DeepSeek DeepSeek.\n"
    (section,) = classify(split_sections(article(body)), themes).sections
    assert section.theme == "zukunft-offener-ki"
    assert max(section.scores, key=lambda s: s.score).theme == "deepseek-einfluss"


def test_override_may_choose_the_fallback(themes: ThemeSet) -> None:
    body = "## Mistral AI\n<!-- theme: weitere-themen -->\nMistral AI.\n"
    assert classify(split_sections(article(body)), themes).sections[0].theme == "weitere-themen"


def test_unknown_override_names_file_line_and_known_keys(themes: ThemeSet) -> None:
    body = "## A\n\n<!-- theme: sport -->\n"
    with pytest.raises(GeneratorError, match=r"unknown theme `sport`.*mistral-strategie") as info:
        classify(split_sections(article(body, body_line=5)), themes)
    assert (str(info.value.path), info.value.line) == ("a.md", 7)


@pytest.mark.parametrize(
    ("term", "text", "matches"),
    [
        ("demokratis*", "Das Demokratisierungspotenzial", ["Demokratisierungspotenzial"]),
        ("open source", "Open-Source-Modelle und Open Source", ["Open-Source", "Open Source"]),
        ("vorteil*", "Der Open-Source-Vorteil", ["Vorteil"]),
        ("meta", "Metaebene und Meta", ["Meta"]),
        ("offen* forschung", "der offenen Forschung", ["offenen Forschung"]),
        ("wall street", "Wall-Street-Banken", ["Wall-Street"]),
    ],
)
def test_compile_term(term: str, text: str, matches: list[str]) -> None:
    assert re.findall(compile_term(term), text, re.IGNORECASE) == matches


@pytest.mark.parametrize("term", ["", "*", "a * b", "--"])
def test_compile_term_rejects_bad_terms(term: str) -> None:
    with pytest.raises(ValueError):
        compile_term(term)


def test_heading_matches_count_more(tmp_path: Path) -> None:
    themes_file = tmp_path / "themes.yml"
    themes_file.write_text(
        "min_score: 1\nheading_weight: 5\nthemes:\n"
        "  - {key: a, title: A, description: d, signals: {de: {apfel: 1}}}\n"
        "  - {key: b, title: B, description: d, signals: {de: {birne: 1}}}\n"
        "fallback: {key: f, title: F, description: d}\n",
        encoding="utf-8",
    )
    themes = load_themes(themes_file)
    body = "## Apfel\n\nBirne Birne Birne Birne.\n"
    (section,) = classify(split_sections(article(body)), themes).sections
    assert [(s.theme, s.score) for s in section.scores] == [("a", 5.0), ("b", 4.0)]
    assert section.theme == "a"


_VALID = (
    "themes:\n  - key: a\n    title: A\n    description: d\n    signals:\n      de:\n        x: 1\n"
    "fallback:\n  key: f\n  title: F\n  description: d\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("themes: []\n", 1, "non-empty list"),
        (_VALID.replace("key: a", "key: A B"), 2, "lower-case ASCII"),
        (_VALID.replace("    title: A\n", ""), 2, "theme `title` is missing"),
        (_VALID.replace("x: 1", "x: viel"), 7, "weight of `x` must be a number"),
        (_VALID.replace("de:", "fr:"), 6, "unknown signal language `fr`"),
        (_VALID.replace("x: 1", "'a * b': 1"), 7, "`*` only at a word's end"),
        (_VALID.replace("key: f", "key: a"), 9, "theme key `a` is used twice"),
        (_VALID + "min_score: -1\n", 12, "`min_score` must be a number"),
        (_VALID.replace("    signals:\n      de:\n        x: 1\n", ""), 2, "no `signals`"),
        ("themes:\n  - key: [\n", 3, "invalid YAML"),
    ],
)
def test_theme_file_errors_name_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        load_themes(path)
    assert words in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_valid_minimal_theme_file(tmp_path: Path) -> None:
    path = tmp_path / "themes.yml"
    path.write_text(_VALID, encoding="utf-8")
    themes = load_themes(path)
    assert [t.key for t in themes.all] == ["a", "f"]
    assert (themes.min_score, themes.heading_weight) == (1.0, 3.0)


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text + "heading_weight: .inf\n",
        lambda text: text + "heading_weight: .nan\n",
        lambda text: text + "min_score: 1.0e+400\n",
        lambda text: text.replace("x: 1", "x: .nan"),
        lambda text: text.replace("x: 1", "x: -.inf"),
    ],
)
def test_numbers_that_are_no_weights_are_errors(tmp_path: Path, change: object) -> None:
    path = tmp_path / "themes.yml"
    path.write_text(change(_VALID), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(GeneratorError, match="must be a number from"):
        load_themes(path)


def test_a_long_word_costs_only_the_prefixes_a_term_can_have(themes: ThemeSet) -> None:
    matcher = themes.matchers["de"]

    class Counting(dict):  # type: ignore[type-arg]
        lookups = 0

        def get(self, key: object, default: object = None) -> object:
            Counting.lookups += 1
            return super().get(key, default)

    counted = dataclasses.replace(matcher, prefix=Counting(matcher.prefix))
    list(counted.find("Kopf" * 50_000))
    assert Counting.lookups <= max(map(len, matcher.prefix))
