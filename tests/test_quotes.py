"""Quote extraction and speaker attribution: one golden case per rule, and properties."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.articles import read_article
from generator.discover import Discoverer
from generator.mdtree import TreeBuilder
from generator.mentions import find_mentions
from generator.model import Article, Quote
from generator.quotes import QuoteFinder
from generator.recognise import Recognizer
from generator.registry import load_registry
from generator.sections import split_sections
from generator.speech import quote_spans
from tests.conftest import ROOT, SAMPLE_ARTICLE
from tests.test_sections import article as make_article

REGISTRY = load_registry(ROOT / "config" / "entities.yml")
RECOGNIZER = Recognizer(REGISTRY)
FINDER = QuoteFinder(REGISTRY, RECOGNIZER, Discoverer(REGISTRY, RECOGNIZER))
TREES = TreeBuilder()


def quotes_of(article: Article) -> list[Quote]:
    return list(FINDER.find(find_mentions(split_sections(article), RECOGNIZER, TREES), TREES).quotes)


def quotes_in(body: str, lang: str = "de") -> list[tuple[str | None, str, str]]:
    article = make_article(body)
    article = dataclasses.replace(article, meta=dataclasses.replace(article.meta, lang=lang))
    return [(q.speaker_name, q.kind, q.text) for q in quotes_of(article)]


def test_sample_article_attributions() -> None:
    quotes = quotes_of(read_article(SAMPLE_ARTICLE))
    said = {(q.speaker, q.text) for q in quotes}
    expected = {
        ("arthur-mensch", "ziemlich signifikante Einnahmen"),
        (
            "arthur-mensch",
            "die kommenden Modelle von Mistral AI sogar die neueste Version von DeepSeek übertreffen",
        ),
        ("arthur-mensch", "das Unternehmen nicht unter Druck stehe"),
        ("arthur-mensch", "den kollaborativen Charakter von Open Source"),
        ("richard-gardner", "Open-Source-Modelle den Wettbewerb ankurbeln und möglicherweise die Kosten"),
        ("yann-lecun", "Open-Source-Modelle zunehmend proprietäre Modelle übertreffen"),
        ("yann-lecun", "profitierte immens von offener Forschung"),
    }
    for speaker, fragment in expected:
        assert any(s == speaker and fragment in text for s, text in said), (speaker, fragment)
    # Nothing is attributed to anyone else: each quote's speaker is named in its own sentence or
    # is the person the pronoun points to.
    assert {q.speaker for q in quotes} == {"arthur-mensch", "richard-gardner", "yann-lecun"}
    assert all(q.anchor.startswith("zitat-") for q in quotes)
    assert len({q.anchor for q in quotes}) == len(quotes)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Quotation styles.
        (
            "„Wir wachsen schneller als gedacht“, sagte Arthur Mensch.",
            ("Arthur Mensch", "direct", "Wir wachsen schneller als gedacht"),
        ),
        (
            "“We are growing faster than expected,” said Arthur Mensch.",
            ("Arthur Mensch", "direct", "We are growing faster than expected,"),
        ),
        (
            '"We are growing faster than expected," Arthur Mensch said.',
            ("Arthur Mensch", "direct", "We are growing faster than expected,"),
        ),
        (
            "«Wir wachsen schneller als gedacht», sagte Arthur Mensch.",
            ("Arthur Mensch", "direct", "Wir wachsen schneller als gedacht"),
        ),
        (
            "»Wir wachsen schneller als gedacht«, sagte Arthur Mensch.",
            ("Arthur Mensch", "direct", "Wir wachsen schneller als gedacht"),
        ),
        (
            "Arthur Mensch sagte: ‚Wir wachsen schneller als gedacht‘.",
            ("Arthur Mensch", "direct", "Wir wachsen schneller als gedacht"),
        ),
        # Reported speech.
        (
            "Yann LeCun erklärte, dass offene Modelle gewinnen.",
            ("Yann LeCun", "reported", "offene Modelle gewinnen."),
        ),
        (
            "Offene Modelle, so glaubt Yann LeCun, gewinnen.",
            ("Yann LeCun", "reported", "Offene Modelle, so glaubt Yann LeCun, gewinnen."),
        ),
        (
            "Laut Yann LeCun gewinnen offene Modelle.",
            ("Yann LeCun", "reported", "Laut Yann LeCun gewinnen offene Modelle."),
        ),
        (
            "Yann LeCun zufolge gewinnen offene Modelle.",
            ("Yann LeCun", "reported", "Yann LeCun zufolge gewinnen offene Modelle."),
        ),
        (
            "According to Yann LeCun, open models win.",
            ("Yann LeCun", "reported", "According to Yann LeCun, open models win."),
        ),
        # Company statements.
        ("Nvidia teilte mit, dass die Nachfrage steige.", ("Nvidia", "reported", "die Nachfrage steige.")),
        # Unnamed sources: a statement without a speaker.
        (
            "Beobachter bezweifeln, dass Arthur Mensch recht hat.",
            (None, "reported", "Arthur Mensch recht hat."),
        ),
    ],
)
def test_attribution_rules(body: str, expected: tuple[str | None, str, str]) -> None:
    assert quotes_in(body) == [expected]


def test_pronoun_resolves_to_the_latest_person_of_that_gender() -> None:
    body = "Arthur Mensch traf Yann LeCun in Paris.\n\nEr sagte, dass offene Modelle gewinnen."
    assert quotes_in(body) == [("Yann LeCun", "reported", "offene Modelle gewinnen.")]


def test_continuations_keep_the_speaker() -> None:
    body = (
        "Arthur Mensch sprach über Geld. „Wir brauchen kein neues Kapital“, sagte er.\n\n"
        ": „Die Einnahmen reichen für zwei Jahre.“\n\nDas Unternehmen sei profitabel."
    )
    speakers = [speaker for speaker, _, _ in quotes_in(body)]
    assert speakers[-2:] == ["Arthur Mensch", "Arthur Mensch"]


def test_role_reference_uses_the_registry() -> None:
    body = "Mistral AI legte Zahlen vor. Der Firmenchef sagte, dass alles nach Plan laufe."
    assert quotes_in(body) == [("Arthur Mensch", "reported", "alles nach Plan laufe.")]


def test_scare_quotes_are_no_quotes() -> None:
    body = "Die EU plant sogenannte „KI-Gigafabriken“. Das Modell gilt als „Durchbruch“."
    assert quotes_in(body) == []


def test_quote_marks_pair_up() -> None:
    text = '„A“ und “B” und "C" und «D» und »E« und ‚F‘, aber Mistral AI\'s Zahlen.'
    assert [text[a:b] for a, b in quote_spans(text, FINDER.cues.marks)] == list("ABCDEF")


words = st.sampled_from(
    [
        "Arthur Mensch",
        "Mensch",
        "er",
        "sie",
        "sagte",
        "erklärte",
        ",",
        ".",
        ":",
        "dass",
        "„",
        "“",
        "”",
        '"',
        "«",
        "»",
        "‚",
        "‘",
        "so",
        "laut",
        "zufolge",
        "Mistral AI",
        "Der Firmenchef",
        "Beobachter",
        "sei",
        "Modelle",
        "offen",
        "\n\n",
        "Yann LeCun",
        "said",
        "according to",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=40).map(" ".join))
def test_extraction_never_crashes_nor_invents_text(body: str) -> None:
    article = make_article(body)
    for quote in quotes_of(article):
        assert " ".join(quote.text.split()) in " ".join(body.split()) or _same_words(quote.text, body)
        assert quote.kind in ("direct", "reported", "mixed")


def _same_words(fragment: str, body: str) -> bool:
    """Markdown may drop or join characters (e.g. the blank lines); words stay in order."""
    haystack = " ".join(body.split())
    position = 0
    for word in fragment.split():
        position = haystack.find(word, position)
        if position < 0:
            return False
        position += len(word)
    return True


def test_quotes_are_found_in_articles_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "2025-01-01-a.md"
    path.write_text("---\ntitle: A\ndate: 2025-01-01\n---\n\n## A\n\n„Ja, genau so“, sagte Arthur Mensch.\n")
    (quote,) = quotes_of(read_article(path))
    assert (quote.speaker, quote.kind, quote.section) == ("arthur-mensch", "direct", 0)
