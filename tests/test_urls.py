from __future__ import annotations

import posixpath

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator import urls


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Arthur Mensch", "arthur-mensch"),
        ("Mistral AI", "mistral-ai"),
        ("Yann LeCun", "yann-lecun"),
        ("Open Source: Motor für KI-Fortschritt", "open-source-motor-fuer-ki-fortschritt"),
        ("Größere Anpassung", "groessere-anpassung"),
        ("Ökosystem", "oekosystem"),
        ("ÄRGER", "aerger"),
        ("Café Crème", "cafe-creme"),
        ("  --Hallo--  ", "hallo"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert urls.slugify(text) == slug


@pytest.mark.parametrize(
    ("source", "target", "anchor", "expected"),
    [
        ("themes/x.md", "articles/a.md", "sec", "../articles/a.md#sec"),
        ("index.md", "themes/x.md", None, "themes/x.md"),
        ("articles/index.md", "articles/a.md", None, "a.md"),
        ("articles/a.md", "index.md", None, "../index.md"),
    ],
)
def test_link_is_relative_to_the_page(source: str, target: str, anchor: str | None, expected: str) -> None:
    assert urls.link(source, target, anchor) == expected


def test_page_paths() -> None:
    assert urls.theme_page("mistral-strategie") == "themes/mistral-strategie.md"
    assert urls.article_page("2025-03-04-x") == "articles/2025-03-04-x.md"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("b.md", "../articles/b.md"),
        ("b.md#x", "../articles/b.md#x"),
        ("#x", "../articles/a.md#x"),
        ("../themes/t.md", "t.md"),
        ("../img/p.png", "../img/p.png"),
    ],
)
def test_rebase_keeps_the_authors_target(target: str, expected: str) -> None:
    assert urls.rebase(target, "articles/a.md", "themes/t.md") == expected


_SEGMENT = st.sampled_from(["a", "b", "themes", "seite", "2", "x.md", "..", ".", ""])


@given(st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
def test_link_agrees_with_relpath(here: list[str], there: list[str]) -> None:
    source = "/".join([*here, "page.md"])
    target = "/".join(there)
    assume(target.strip("/") and not source.startswith("/"))  # page URIs are relative
    expected = posixpath.relpath(target, posixpath.dirname(source) or ".")
    assert urls.link(source, target) == expected
