from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.sentences import MAX_CONTEXT, Sentences, sentence_at

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


def test_a_run_on_sentence_gives_a_window_around_the_mention() -> None:
    text = "wort " * 2000 + "DeepSeek " + "wort " * 2000
    start = text.index("DeepSeek")
    context = sentence_at(text, start, start + 8)
    assert context.startswith("… wort") and context.endswith("wort …") and "DeepSeek" in context
    assert len(context) <= MAX_CONTEXT + 4


@given(st.text(alphabet="ab .!?„“\nXY", max_size=300), st.data())
def test_the_context_always_holds_the_span(text: str, data: st.DataObject) -> None:
    sentences = Sentences(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    around = sentences.around(start, end)
    assert " ".join(text[start:end].split()) in around.replace("… ", "").replace(" …", "") or not text.strip()
    assert around == sentence_at(text, start, end)
