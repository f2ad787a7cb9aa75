"""Footnotes in sections rendered one by one: definitions follow their references, ids stay unique."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.pipeline import build_site
from generator.render.footnotes import split_definitions, unique_ids, with_definitions
from generator.settings import load_settings

ARTICLE = """---
title: "Fußnoten am Ende"
date: 2025-04-03
---

## Erster Teil

Mistral AI veröffentlicht offene Modelle.[^1]

### Genauer

DeepSeek auch.[^a]

## Zweiter Teil

DeepSeek veröffentlicht Open Source Modelle.[^2] Wieder a.[^a]

[^1]: Quelle eins.
[^2]: Quelle zwei,
    über zwei Zeilen.

[^a]: Quelle a.
"""


def test_a_definition_runs_over_its_paragraph_and_indented_lines() -> None:
    body, found = split_definitions("Text[^1]\n\n[^1]: Eins\nfaul\n\n    eingerückt\n\nNormal\n")
    assert found == {"1": "[^1]: Eins\nfaul\n\n    eingerückt"}
    assert "Eins" not in body and "Normal" in body


def test_a_definition_shown_in_a_code_block_is_code() -> None:
    body, found = split_definitions("A[^a]\n\n```\n[^a]: im Code\n```\n\n[^a]: echt\n")
    assert found == {"a": "[^a]: echt"} and "[^a]: im Code" in body


def test_a_part_gets_the_definitions_it_uses_only() -> None:
    _, found = split_definitions("[^1]: Eins\n\n[^2]: Zwei\n")
    assert with_definitions("Nur zwei[^2].", found) == "Nur zwei[^2].\n\n[^2]: Zwei\n"
    assert with_definitions("Keine.", found) == "Keine."


@given(st.text(alphabet="ab[^]:1 \n\t", max_size=80))
def test_splitting_keeps_every_other_line(markdown: str) -> None:
    body, found = split_definitions(markdown)
    assert len(body.split("\n")) + sum(len(text.split("\n")) for text in found.values()) <= len(
        markdown.split("\n")
    )
    assert all(line in markdown.split("\n") for line in body.split("\n"))


def test_ids_are_unique_per_part() -> None:
    html = '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup><li id="fn:1">'
    assert unique_ids(html, "k") == (
        '<sup id="fnref:k-1"><a class="footnote-ref" href="#fn:k-1">1</a></sup><li id="fn:k-1">'
    )


def test_footnotes_defined_at_the_end_render_in_their_sections(project: Callable[..., Path]) -> None:
    root = project({"2025-04-03-fussnoten.md": ARTICLE}, sample=False)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - tables\n", "  - tables\n  - footnotes\n")
    )
    settings = dataclasses.replace(load_settings(config), cache_dir=None)
    [page] = [p for p in build_site(settings, inline_html=True).pages if "fussnoten" in p.src_uri]
    first, second = page.content.split("## Zweiter Teil")
    assert "Quelle eins." in first and "Quelle a." in first and "Quelle zwei" not in first
    assert "Quelle zwei" in second and "über zwei Zeilen" in second and "Quelle a." in second
    ids = re.findall(r'id="(fn(?:ref)?:[^"]+)"', page.content)
    assert len(ids) == len(set(ids)) == 8  # four references, four notes: [^a] in two sections
    for target in re.findall(r'href="#(fn(?:ref)?:[^"]+)"', page.content):
        assert target in ids
