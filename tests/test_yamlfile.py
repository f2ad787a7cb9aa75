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


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: " + "1" * 5000 + "\n", "cannot be read as int"),
        ("title: !!int abc\n", "cannot be read as int"),
        ("title: !!float abc\n", "cannot be read as float"),
        ("title: !!bool vielleicht\n", "cannot be read as bool"),
        ("title: !!timestamp gestern\n", "cannot be read as timestamp"),
        ("title: !!map [a]\n", "cannot be read as map"),
    ],
)
def test_values_their_tag_cannot_hold_are_errors_with_a_line(text: str, words: str) -> None:
    with pytest.raises(GeneratorError, match=re.escape(words)) as info:
        load_yaml("ok: 1\n" + text, "x.yml", first_line=2)
    assert info.value.line == 3


def test_a_character_yaml_refuses_is_named_with_its_line() -> None:
    with pytest.raises(GeneratorError, match=r"U\+FFFF is not allowed in YAML") as info:
        load_yaml("a: 1\nb: x\uffff\n", "x.yml", first_line=2)
    assert info.value.line == 3 and str(info.value).startswith("x.yml:3: ")
