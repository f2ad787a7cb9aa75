from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.model import Article, ArticleMeta
from generator.read.articles import read_article
from generator.read.sections import parse_heading, split_sections
from tests.conftest import SAMPLE_ARTICLE


def article(body: str, body_line: int = 5) -> Article:
    import datetime as dt

    return Article(Path("a.md"), "a", ArticleMeta("T", dt.date(2025, 1, 1)), body, body_line)


def test_sample_article_has_eight_sections_with_subsections_inside() -> None:
    sections = split_sections(read_article(SAMPLE_ARTICLE)).sections
    assert len(sections) == 8
    assert sections[0].anchor == "der-open-source-vorteil-ein-kollaboratives-oekosystem"
    assert sections[0].line == 7
    assert sections[6].heading == "Ein tieferer Einblick in die Strategie von Mistral AI"
    assert sections[6].markdown.count("\n### ") == 5
    assert sections[7].markdown.count("\n### ") == 5


def test_lead_before_first_heading_is_a_section() -> None:
    sections = split_sections(article("Vorspann.\n\n## Eins\n\nText\n")).sections
    assert [(s.heading, s.anchor, s.line) for s in sections] == [
        (None, None, 5),
        ("Eins", "eins", 7),
    ]
    assert sections[0].markdown == "Vorspann."


def test_article_without_headings_is_one_section() -> None:
    sections = split_sections(article("Nur Text.\n\n### Unterpunkt\n\nMehr.")).sections
    assert len(sections) == 1
    assert sections[0].heading is None


def test_blank_lead_is_dropped() -> None:
    sections = split_sections(article("\n\n## Eins\nText")).sections
    assert [s.heading for s in sections] == ["Eins"]


def test_headings_in_fenced_code_are_not_sections() -> None:
    body = "## A\n\n```md\n## nicht\n```\n\n~~~~\n## auch nicht\n~~~\n## noch immer nicht\n~~~~\n\n## B\n"
    assert [s.heading for s in split_sections(article(body)).sections] == ["A", "B"]


def test_duplicate_headings_get_unique_anchors() -> None:
    body = "## Fazit\nA\n## Fazit\nB\n## Fazit {#eigen}\nC\n"
    assert [s.anchor for s in split_sections(article(body)).sections] == ["fazit", "fazit-2", "eigen"]


@pytest.mark.parametrize(
    ("raw", "text", "explicit"),
    [
        ("Titel", "Titel", None),
        ("Titel ##", "Titel", None),
        ("Titel { #mein-anker .klasse }", "Titel", "mein-anker"),
        ("Titel {: #x }", "Titel", "x"),
        ("C# ist toll", "C# ist toll", None),
    ],
)
def test_parse_heading(raw: str, text: str, explicit: str | None) -> None:
    assert parse_heading(raw) == (text, explicit)


def test_theme_override_is_read_and_removed() -> None:
    body = "## A\n<!-- theme: zukunft-offener-ki -->\nText\n## B\nText"
    first, second = split_sections(article(body, body_line=10)).sections
    assert (first.theme_override, first.override_line) == ("zukunft-offener-ki", 11)
    assert "theme:" not in first.markdown
    assert second.theme_override is None


def test_override_in_code_block_is_ignored() -> None:
    body = "## A\n```\n<!-- theme: x -->\n```\n"
    (section,) = split_sections(article(body)).sections
    assert section.theme_override is None
    assert "<!-- theme: x -->" in section.markdown


def test_two_overrides_in_one_section_is_an_error() -> None:
    body = "## A\n<!-- theme: a -->\n\n<!-- theme: b -->\n"
    with pytest.raises(GeneratorError, match="already chose theme `a`") as info:
        split_sections(article(body, body_line=5))
    assert info.value.line == 8


def test_an_escaped_brace_is_no_attribute_list() -> None:
    assert parse_heading(r"Die Menge \{a, b\}") == (r"Die Menge \{a, b\}", None)
    assert parse_heading("Titel{#x}") == ("Titel{#x}", None)  # Python-Markdown needs the space too


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("## A\n\n<div class='x'>\nText\n\n## B\n\nMehr", 3, "<div> opened on this line is not closed"),
        ("## A\n\n<div>\n<div>x</div>\n\n## B\n", 3, "<div> opened"),
        ("## A\n\n<!-- Notiz\nText\n\n## B\n", 3, "<!-- opened on this line"),
    ],
)
def test_raw_html_left_open_in_a_section_is_an_error(body: str, line: int, words: str) -> None:
    with pytest.raises(GeneratorError, match=re.escape(words)) as info:
        split_sections(article(body, 1))
    assert info.value.line == line


@pytest.mark.parametrize(
    "body",
    [
        "## A\n\n<div>\nText\n</div>\n\n## B\n",
        "## A\n\n<hr>\n\n<div\n  class='x'>y</div>\n\n## B\n",
        "## A\n\n```\n<div>\n```\n\n## B\n",
        "## A\n\n<!-- Notiz\nüber zwei Zeilen -->\n\n## B\n",
    ],
)
def test_closed_or_void_html_is_fine(body: str) -> None:
    assert len(split_sections(article(body, 1)).sections) == 2
