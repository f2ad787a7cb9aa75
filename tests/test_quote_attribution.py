"""Precision and recall of speaker attribution on a labelled fixture set (tests/fixtures/quotes).

79 quotes in 7 articles (4 German, 3 English), every quotation style and attribution rule,
unnamed sources and scare quotes; see the set's README. Figures are reported in README.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pytest
import yaml

from generator.articles import read_article
from generator.discover import Discoverer
from generator.mdtree import TreeBuilder
from generator.mentions import find_mentions
from generator.model import Quote
from generator.quotes import QuoteFinder
from generator.recognise import Recognizer
from generator.registry import load_registry
from generator.sections import split_sections
from tests.conftest import FIXTURES

FOLDER = FIXTURES / "quotes"


def norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def speaker_of(quote: Quote) -> str | None:
    return quote.speaker or quote.speaker_name


@dataclass
class Evaluation:
    correct: int = 0
    attributed: int = 0
    """Extracted quotes with a speaker."""
    labelled: int = 0
    """Labelled quotes with a speaker."""
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / max(1, self.attributed)

    @property
    def recall(self) -> float:
        return self.correct / max(1, self.labelled)


@cache
def evaluate(folder_name: str = "quotes") -> Evaluation:
    folder = FIXTURES / folder_name
    registry = load_registry(folder / "entities.yml")
    recognizer = Recognizer(registry)
    finder = QuoteFinder(registry, recognizer, Discoverer(registry, recognizer))
    trees = TreeBuilder()
    labels = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    result = Evaluation()
    for name, expected in labels.items():
        article = find_mentions(split_sections(read_article(folder / name)), recognizer, trees)
        quotes = finder.find(article, trees).quotes
        wanted = expected["quotes"]
        scare = [norm(text) for text in expected.get("not_quotes", [])]
        result.labelled += sum(1 for label in wanted if label["speaker"])
        matched: set[int] = set()
        for label in wanted:
            fragment = norm(label["fragment"])
            hits = [i for i, q in enumerate(quotes) if fragment in norm(q.text)]
            matched.update(hits)
            if label["speaker"] and any(speaker_of(quotes[i]) == label["speaker"] for i in hits):
                result.correct += 1
            elif label["speaker"]:
                got = [speaker_of(quotes[i]) for i in hits] or "not found"
                result.mistakes.append(f"{name}: „{fragment}“ by {label['speaker']}, got {got}")
        for index, quote in enumerate(quotes):
            if speaker_of(quote) is None:
                continue
            result.attributed += 1
            # Every attributed quote counts; one that matches no label (or a scare quote) is an error.
            if index not in matched:
                kind = "scare quote" if norm(quote.text) in scare else "unlabelled"
                text = norm(quote.text)[:60]
                result.mistakes.append(f"{name}: {kind} „{text}“ given to {speaker_of(quote)}")
    return result


# Floors below the measured figures (README.md, "Measurements"): quotes/ is the development set,
# quotes-heldout/ was measured once untuned (0.818 / 0.730), then its failure classes were fixed;
# quotes-final/ was measured once and never tuned on (0.933 / 0.933).
@pytest.mark.parametrize(
    ("folder", "precision", "recall"),
    [("quotes", 0.95, 0.95), ("quotes-heldout", 0.9, 0.9), ("quotes-final", 0.9, 0.9)],
)
def test_attribution_precision_and_recall(folder: str, precision: float, recall: float) -> None:
    result = evaluate(folder)
    print(
        f"{folder}: precision {result.precision:.3f} recall {result.recall:.3f}", *result.mistakes, sep="\n  "
    )
    assert result.precision >= precision, result.mistakes
    assert result.recall >= recall, result.mistakes


@pytest.mark.parametrize("case", ["unnamed"])
def test_unnamed_sources_get_no_speaker(case: str) -> None:
    labels = yaml.safe_load((FOLDER / "labels.yml").read_text(encoding="utf-8"))
    registry = load_registry(FOLDER / "entities.yml")
    recognizer = Recognizer(registry)
    finder = QuoteFinder(registry, recognizer, Discoverer(registry, recognizer))
    trees = TreeBuilder()
    for name, expected in labels.items():
        article = find_mentions(split_sections(read_article(FOLDER / name)), recognizer, trees)
        quotes = finder.find(article, trees).quotes
        for label in expected["quotes"]:
            if label.get("case") != case:
                continue
            for quote in quotes:
                if norm(label["fragment"]) in norm(quote.text):
                    assert speaker_of(quote) is None, (name, label["fragment"], speaker_of(quote))
