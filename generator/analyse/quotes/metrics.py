"""The measure of the quote index, by the labelling scheme of `../shared/corpus/quotes.yaml`.

A listed quote is correct when its text holds a labelled quote's fragment and it is listed
under that quote's speaker (a label without speaker: under no name, that is unnamed or unsure).
Precision is over everything listed, recall over the labels; a labelled statement listed under
another name is a *wrong speaker*, the mistake a newsroom must never publish.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.model import Quote

_TITLES = re.compile(r"\b(?:dr|prof|mr|mrs|ms|sir)\.?\s+", re.IGNORECASE)


def norm(text: str) -> str:
    """Text compared without case, soft hyphens, typographic differences and spacing."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("–", "-")
    return " ".join(text.casefold().split())


def same_speaker(listed: str | None, label: str | None) -> bool:
    """Names match without titles and case; "A & B" labels match either."""
    if listed is None or label is None:
        return listed is None and label is None
    wanted = {norm(_TITLES.sub("", part)) for part in [label, *label.split(" & ")]}
    return norm(_TITLES.sub("", listed)) in wanted


@dataclass(frozen=True)
class Label:
    speaker: str | None
    fragment: str
    kind: str


@dataclass(frozen=True)
class Listed:
    """A quote as the index lists it: under a name, or under none."""

    speaker: str | None
    text: str
    evidence: str = ""

    @classmethod
    def of(cls, quote: Quote) -> Listed:
        return cls(quote.speaker_name if quote.group == "named" else None, quote.display, quote.evidence)


@dataclass
class Score:
    listed: int = 0
    correct: int = 0
    labels: int = 0
    found: int = 0
    wrong_speaker: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.listed if self.listed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    def add(self, other: Score) -> None:
        self.listed += other.listed
        self.correct += other.correct
        self.labels += other.labels
        self.found += other.found
        self.wrong_speaker += other.wrong_speaker
        self.mistakes += other.mistakes

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f} ({self.correct}/{self.listed}), recall {self.recall:.3f} "
            f"({self.found}/{self.labels}), wrong speaker {self.wrong_speaker}"
        )


def score(listed: Iterable[Listed], labels: Iterable[Label], where: str = "") -> Score:
    """Compare what an article's quotes list with its labels."""
    items = list(listed)
    wanted = list(labels)
    result = Score(listed=len(items), labels=len(wanted))
    correct: set[int] = set()
    for label in wanted:
        fragment = norm(label.fragment)
        hits = [i for i, item in enumerate(items) if fragment in norm(item.text)]
        right = [i for i in hits if same_speaker(items[i].speaker, label.speaker)]
        if right:
            result.found += 1
            correct.update(right)
            continue
        others = sorted({items[i].speaker or "—" for i in hits})
        if any(items[i].speaker is not None for i in hits):
            result.wrong_speaker += 1
            why = "; ".join(items[i].evidence for i in hits)
            result.mistakes.append(
                f"{where}: WRONG SPEAKER {others} for [{label.speaker}] „{label.fragment}“ ({why})"
            )
        else:
            got = f"listed under {others}" if hits else "missed"
            result.mistakes.append(f"{where}: {got}: [{label.speaker}] „{label.fragment}“ ({label.kind})")
    result.correct = len(correct)
    for index, item in enumerate(items):
        if index not in correct and not any(norm(label.fragment) in norm(item.text) for label in wanted):
            result.mistakes.append(
                f"{where}: NOT A QUOTE under {item.speaker or '—'}: „{item.text[:100]}“ ({item.evidence})"
            )
    return result
