"""Discovery of names missing from the registry, measured on labelled fixture articles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.analyse.discover import Candidate, Discoverer
from generator.analyse.recognise import Recognizer
from generator.analyse.registry import load_registry
from generator.read.articles import read_article
from generator.read.sections import split_sections
from generator.text.mdtree import TreeBuilder
from tests.conftest import FIXTURES, ROOT

REGISTRY = load_registry(ROOT / "config" / "entities.yml")
DISCOVERER = Discoverer(REGISTRY, Recognizer(REGISTRY))


def discover_text(text: str) -> list[Candidate]:
    from tests.test_sections import article

    return DISCOVERER.candidates(split_sections(article(text)), TreeBuilder())


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_negatives)


def measure(folder: Path) -> tuple[Score, list[str]]:
    """Precision and recall of (name, type) per article against `labels.yml`."""
    labels = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    score, mistakes = Score(), []
    trees = TreeBuilder()
    for name, expected in labels.items():
        article = split_sections(read_article(folder / name))
        found = {(c.name, c.type) for c in DISCOVERER.candidates(article, trees)}
        wanted = {(label["name"], label["type"]) for label in expected}
        score.true_positives += len(found & wanted)
        score.false_positives += len(found - wanted)
        score.false_negatives += len(wanted - found)
        mistakes += [f"{name}: extra {item}" for item in sorted(found - wanted)]
        mistakes += [f"{name}: missed {item}" for item in sorted(wanted - found)]
    return score, mistakes


# Measured figures are reported in README.md ("Measurements"); these are floors.
@pytest.mark.parametrize(
    ("folder", "min_precision", "min_recall"),
    [("discovery", 0.95, 0.95), ("discovery-heldout", 0.9, 0.6), ("discovery-final", 0.8, 0.55)],
)
def test_precision_and_recall(folder: str, min_precision: float, min_recall: float) -> None:
    score, mistakes = measure(FIXTURES / folder)
    print(f"{folder}: P={score.precision:.3f} R={score.recall:.3f} {score}", *mistakes, sep="\n  ")
    assert score.precision >= min_precision, mistakes
    assert score.recall >= min_recall, mistakes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Nvidia-Gründer Jensen Huang sprach.", [("Jensen Huang", "person", "Gründer", "Nvidia")]),
        (
            "Sundar Pichai, CEO von Google, sprach.",
            [("Sundar Pichai", "person", "CEO", "Google")],
        ),
        (
            "Anthropic CEO Dario Amodei said so.",
            [("Dario Amodei", "person", "CEO", "Anthropic"), ("Anthropic", "company", None, None)],
        ),
        (
            "„Nein“, sagte Analystin Jana Kessler von Bernstein.",
            [("Jana Kessler", "person", "Analystin", "Bernstein"), ("Bernstein", "company", None, None)],
        ),
        ("Das Pariser Start-up Kyutai zeigte Moshi.", [("Kyutai", "company", None, None)]),
        ("Die Freiburger Firma Black Forest Labs wächst.", [("Black Forest Labs", "company", None, None)]),
        (
            "Kommissionspräsidentin Ursula von der Leyen sprach.",
            [("Ursula von der Leyen", "person", "Kommissionspräsidentin", None)],
        ),
        ("According to Sam Altman, it works.", [("Sam Altman", "person", None, None)]),
        # Traps: registry names in all forms, places, products, acronyms, institutions.
        ("Arthur Mensch und Mistral AIs Chef; DeepSeeks R1; Metas Chief AI Scientist.", []),
        ("Am Montag in Paris: Wall Street, Silicon Valley und die EU.", []),
        ("Gespräche laufen mit der Stanford University.", []),
        ("On Wall Street, Nvidia's shares fell.", []),
        ("Die Firma Hugging Face und der AI Act der EU.", [("Hugging Face", "company", None, None)]),
    ],
)
def test_discovery_cases(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    found = [(c.name, c.type, c.role, c.affiliation) for c in discover_text(text)]
    assert found == expected


def test_registry_entry_is_valid_yaml() -> None:
    candidate = Candidate("Clément Delangue", "person", "…", 0, role="CEO: Chef", affiliation="Hugging Face")
    entry = yaml.safe_load("entities:\n" + candidate.registry_entry())["entities"][0]
    assert entry == {
        "name": "Clément Delangue",
        "type": "person",
        "role": "CEO: Chef",
        "affiliation": "Hugging Face",
    }
