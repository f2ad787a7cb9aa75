"""Golden cases of entity recognition in German and English text (issue: part 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.recognise import Recognizer, SpanSet
from generator.analyse.registry import load_registry
from tests.conftest import ROOT
from tests.test_registry import TYPES

RECOGNIZER = Recognizer(load_registry(ROOT / "config" / "entities.yml"))


def found(text: str, introduced: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    mentions, _ = RECOGNIZER.scan(text, introduced)
    return [(m.text, m.entity) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names and aliases as written.
        ("Mistral AI und DeepSeek", [("Mistral AI", "mistral-ai"), ("DeepSeek", "deepseek")]),
        ("Meta Platforms meldet", [("Meta Platforms", "meta")]),
        ("Mistral wächst", [("Mistral", "mistral-ai")]),
        # German genitive, English possessive.
        ("Mistral AIs Modelle", [("Mistral AIs", "mistral-ai")]),
        ("DeepSeeks Auftritt", [("DeepSeeks", "deepseek")]),
        ("Nvidias GPUs", [("Nvidias", "nvidia")]),
        ("Metas Chief AI Scientist", [("Metas", "meta")]),
        ("DeepSeek's model", [("DeepSeek's", "deepseek")]),
        ("Mistral AI's revenue", [("Mistral AI's", "mistral-ai")]),
        ("Mistral AI’s revenue", [("Mistral AI’s", "mistral-ai")]),
        ("Modulus' Chef", [("Modulus'", "modulus")]),
        # Hyphenated compounds link the name part.
        ("DeepSeek-Modelle", [("DeepSeek", "deepseek")]),
        ("der OpenAI-Konkurrent", [("OpenAI", "openai")]),
        ("die Mistral-AI-Gründer", [("Mistral-AI", "mistral-ai")]),
        ("Arthur-Mensch-Fans", [("Arthur-Mensch", "arthur-mensch")]),
        # Never inside a longer word.
        ("Die Metaebene", []),
        ("Googlebot und Nvidiafans", []),
        ("OpenAIs", [("OpenAIs", "openai")]),
        ("DeepSeekerin", []),
        # Not in URLs.
        ("Siehe https://example.org/DeepSeek und www.meta.com/Meta", []),
        # Longest name wins.
        ("Meta Platforms", [("Meta Platforms", "meta")]),
    ],
)
def test_names_in_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A surname alone only after the full name.
        ("Mensch sagte das.", []),
        (
            "Arthur Mensch kam. Mensch sagte das.",
            [("Arthur Mensch", "arthur-mensch"), ("Mensch", "arthur-mensch")],
        ),
        ("Yann LeCun widerspricht. LeCun sagt", [("Yann LeCun", "yann-lecun"), ("LeCun", "yann-lecun")]),
        ("Gardner meint", []),
        # Not as a common noun after a determiner (with or without an adjective).
        ("Arthur Mensch weiß: ein Mensch irrt.", [("Arthur Mensch", "arthur-mensch")]),
        ("Arthur Mensch weiß: Der Mensch irrt.", [("Arthur Mensch", "arthur-mensch")]),
        ("Arthur Mensch weiß: jeder kluge Mensch irrt.", [("Arthur Mensch", "arthur-mensch")]),
        # Never inside a longer word.
        ("Arthur Mensch über die Menschheit und Menschen.", [("Arthur Mensch", "arthur-mensch")]),
        # A sentence boundary is no determiner.
        (
            "Arthur Mensch kam. Das sagte Mensch.",
            [("Arthur Mensch", "arthur-mensch"), ("Mensch", "arthur-mensch")],
        ),
    ],
)
def test_short_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_introduced_people_carry_over_between_texts() -> None:
    _, introduced = RECOGNIZER.scan("Arthur Mensch eröffnet.")
    assert introduced == ("arthur-mensch",)
    assert found("Mensch gab Einblicke.", introduced) == [("Mensch", "arthur-mensch")]
    assert found("Mensch gab Einblicke.") == []


def test_same_surname_resolves_to_the_most_recent_person(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(
        TYPES
        + "entities:\n  - {name: Anna Schmidt, type: person}\n  - {name: Bernd Schmidt, type: person}\n",
        encoding="utf-8",
    )
    recognizer = Recognizer(load_registry(path))
    mentions, _ = recognizer.scan(
        "Anna Schmidt und Bernd Schmidt. Schmidt sagte. Anna Schmidt lachte. Schmidt nickte."
    )
    assert [(m.text, m.entity) for m in mentions] == [
        ("Anna Schmidt", "anna-schmidt"),
        ("Bernd Schmidt", "bernd-schmidt"),
        ("Schmidt", "bernd-schmidt"),
        ("Anna Schmidt", "anna-schmidt"),
        ("Schmidt", "anna-schmidt"),
    ]


def test_offsets_point_at_the_text() -> None:
    text = "Laut DeepSeeks Bericht und Mistral AI's Zahlen"
    mentions, _ = RECOGNIZER.scan(text)
    assert [text[m.start : m.end] for m in mentions] == ["DeepSeeks", "Mistral AI's"]


def test_empty_registry_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(TYPES + "entities: []\n", encoding="utf-8")
    assert Recognizer(load_registry(path)).scan("DeepSeek") == ([], ())


@pytest.mark.parametrize(
    "sentence",
    ["Das betonte Mensch.", "Dies erklärte Mensch gestern.", "Ein Satz, den Mensch sagte."],
)
def test_verb_after_sentence_start_is_no_adjective(sentence: str) -> None:
    assert found(sentence, ("arthur-mensch",)) == [("Mensch", "arthur-mensch")]


def test_an_entry_can_name_its_short_name(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(
        TYPES + "entities:\n  - {name: Liang Wenfeng, type: person, short_name: Liang}\n", encoding="utf-8"
    )
    recognizer = Recognizer(load_registry(path))
    mentions, _ = recognizer.scan("Liang Wenfeng gründete DeepSeek. Liang sagte nichts, Wenfeng auch nicht.")
    assert [(m.text, m.entity) for m in mentions] == [
        ("Liang Wenfeng", "liang-wenfeng"),
        ("Liang", "liang-wenfeng"),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 80)), max_size=40),
    st.tuples(st.integers(0, 400), st.integers(0, 80)),
)
def test_span_set_answers_as_a_scan_over_every_span(
    spans: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    spans = list(dict.fromkeys((start, start + length) for start, length in spans))
    span = (query[0], query[0] + query[1])
    kept = SpanSet(spans)
    removed = spans[::3]
    for other in removed:
        kept.discard(other)
    left = [s for s in spans if s not in removed]
    expected = sorted({s for s in left if s[0] < span[1] and span[0] < s[1]})
    assert kept.overlapping(span) == expected
    assert kept.overlaps(span) == bool(expected)
