"""The reader's view of the Markdown tree: what analysis reads and where the linker cuts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.mdtree import TreeBuilder
from generator.text.readable import clean_text, plain_text

TREES = TreeBuilder()


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("S&D und M&amp;A", "S&D und M&A"),
        ("M&amp;A-Deals <b>seien</b> teuer", "M&A-Deals seien teuer"),
        ("Ein &lt;/title&gt; &#169; &copy; &#x41;", "Ein </title> © © A"),
        ("Arthur\u00a0Mensch und Mis\u00adtral AI", "Arthur Mensch und Mistral AI"),
        ("Goo\u200bgle\u0301 cafe\u0301", "Googlé café"),
        ("Kontroll\x01zeichen\x0c weg", "Kontrollzeichen weg"),
        ("Zeile<br>neu", "Zeile neu"),
        ("a <!-- Kommentar --> b", "a  b"),
        ("**fett** und `code` und [Link](x.md)", "fett und code und Link"),
    ],
)
def test_blocks_read_as_a_reader_reads_them(markdown: str, text: str) -> None:
    assert TREES.block_texts(markdown) == [text]


def test_each_character_knows_where_it_came_from() -> None:
    [block] = TREES.blocks("Vor M&amp;A <b>fett</b> Mis\u00adtral")
    view = block.text
    start = view.text.index("M&A")
    assert view.raw[slice(*view.raw_span(start, start + 3))].startswith("M\x02wzxhzdk:")
    start = view.text.index("Mistral")
    assert view.raw[slice(*view.raw_span(start, start + 7))] == "Mis\u00adtral"
    assert view.index(view.raw.index("tral")) == view.text.index("tral")


def test_inline_html_is_excluded_and_tags_are_barriers() -> None:
    view = plain_text(
        "a \x02wzxhzdk:0\x03b\x02wzxhzdk:1\x03 c\x02wzxhzdk:2\x03d", ["<span>", "</span>", "<wbr>"]
    )
    assert view.text == "a b cd"
    assert (2, 3) in view.excluded  # inside <span>…</span>
    assert (5, 5) in view.excluded  # where <wbr> stood: "cd" is two words for the recogniser


def test_clean_text_without_markdown() -> None:
    assert clean_text("Arthur\u00a0Mensch\u00ad\x01") == "Arthur Mensch"


SYNTAX = st.sampled_from(
    ["&amp;", "&", "<b>", "</b>", "<br>", "&#1;", "&#x0;", "\x01", "\x0c", "\u00ad", "\u00a0", "*", "_",
     "`", "[", "](x)", "\n\n", "- ", "> ", "|", "S&D", "&lt;", "<!--", "-->", "[^1]", "\u0301", "e"]
)  # fmt: skip


@given(st.lists(st.one_of(SYNTAX, st.text(max_size=5)), max_size=30).map("".join))
def test_no_placeholder_or_control_character_survives(markdown: str) -> None:
    for text in TREES.block_texts(markdown):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", text), repr(text)
