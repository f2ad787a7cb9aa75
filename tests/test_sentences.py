from __future__ import annotations

import pytest

from generator.sentences import sentence_at

TEXT = (
    "Mensch gab auch Einblicke in die Lage von Mistral AI. Mit über 1 Mrd. US-Dollar generiert "
    "das Unternehmen z. B. Einnahmen. Am 4. März sprach Dr. Meier. „Wir wachsen“, sagte er. "
    "Is it true? Yes."
)


@pytest.mark.parametrize(
    ("needle", "sentence"),
    [
        ("Mensch", "Mensch gab auch Einblicke in die Lage von Mistral AI."),
        ("generiert", "Mit über 1 Mrd. US-Dollar generiert das Unternehmen z. B. Einnahmen."),
        ("Meier", "Am 4. März sprach Dr. Meier."),
        ("sagte", "„Wir wachsen“, sagte er."),
        ("Yes", "Yes."),
    ],
)
def test_sentence_at(needle: str, sentence: str) -> None:
    start = TEXT.index(needle)
    assert sentence_at(TEXT, start, start + len(needle)) == sentence


def test_sentence_spanning_match_returns_both_sentences() -> None:
    start = TEXT.index("Is it")
    assert sentence_at(TEXT, start, len(TEXT)) == "Is it true? Yes."
