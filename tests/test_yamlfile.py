"""Editors' YAML: line numbers kept, aliases (a ten-line alias bomb took 36 s) and runaway
nesting (a RecursionError) refused."""

from __future__ import annotations

import re

import pytest

from generator.errors import GeneratorError
from generator.text.yamlfile import MAX_DEPTH, load_yaml

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(9)
)


def test_lines_are_kept() -> None:
    data = load_yaml("title: T\nlist:\n  - {k: v}\n", "x.yml", first_line=2)
    assert data.line_of("title") == 2 and data.line_of("list") == 3
    assert data["list"][0].line == 4


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (BOMB, 3, "aliases (*name) are not allowed"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 4, "aliases"),
        ("tags: " + "[" * 5000 + "]" * 5000 + "\n", 2, f"nested more than {MAX_DEPTH} levels"),
        ("x:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 3000)) + "\n", None, "nested more than"),
    ],
)
def test_bombs_and_deep_nesting_are_refused(text: str, line: int | None, words: str) -> None:
    with pytest.raises(GeneratorError, match=re.escape(words)) as info:
        load_yaml(text, "x.yml", first_line=2)
    if line:
        assert info.value.line == line
